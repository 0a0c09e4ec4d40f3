/** Exit statuses, as the man page lists them. */
export const EXIT_OK = 0;
/** A runtime failure: e.g. --once left an alarm in place. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** EX_CONFIG from sysexits.h: the unit's RestartPreventExitStatus=78 stops a restart loop. */
export const EXIT_CONFIG = 78;
/** Second SIGTERM/SIGINT: 128 + SIGINT, as shells report an interrupt. */
export const EXIT_INTERRUPTED = 130;
