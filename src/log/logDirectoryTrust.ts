import type { TrustOptions } from '../fs/findUntrustedPath.js';

/**
 * How strict the agent is about the log directory. Files are opened without
 * following links, only regular files with one link are written, and rotated
 * copies are created exclusively, so a group that may write the directory can
 * delete or rename logs but not redirect root's writes. Ubuntu ships /var/log
 * as 0775 root:syslog; refusing that would stop the agent on a stock install.
 * Config and password files stay strict: whoever writes them chooses what root runs.
 */
export const LOG_DIRECTORY_TRUST: TrustOptions = { groupWritableDirectories: true };
