/** A name that supervisorctl reads as exactly one program, and not the agent's own. */
export type SupervisorProgram = string & { readonly __brand: 'SupervisorProgram' };

export type ProgramNameCheck = { ok: true; program: SupervisorProgram } | { ok: false; reason: string };

/** The supervisord program a process runs as, from the environment supervisord gives its programs. */
export interface OwnProgram {
  group: string;
  process: string;
}

/** SUPERVISOR_GROUP_NAME / SUPERVISOR_PROCESS_NAME, which supervisord sets for every program it starts (and its children inherit). */
export function ownSupervisorProgram(env: NodeJS.ProcessEnv = process.env): OwnProgram | undefined {
  const group = env.SUPERVISOR_GROUP_NAME;
  const process = env.SUPERVISOR_PROCESS_NAME;
  return group && process ? { group, process } : undefined;
}

/**
 * Pure: the supervisord program a process name stands for, as supervisorctl
 * reads it: "name" (the program in its own group) or "group:name". Refused:
 * what supervisorctl reads as more than one program — `all` (every program
 * supervisord runs), `group:` and `group:*` (a whole group), a wildcard, words
 * separated by spaces (supervisorctl joins its arguments and splits them
 * again) — and the program the agent itself runs as: restarting it would kill
 * the agent in the middle of the procedure, and again at each poll.
 */
export function supervisorProgramName(name: string, own?: OwnProgram): ProgramNameCheck {
  const refuse = (why: string): ProgramNameCheck => ({
    ok: false,
    reason: `${name} ${why}; the agent restarts one supervisord program at a time (restart_strategy supervisor and auto)`,
  });
  if (name === 'all') return refuse('is what supervisorctl reads as every program (supervisorctl restart all restarts everything supervisord runs)');
  if (name.includes('*')) return refuse('contains a wildcard, which supervisorctl can read as several programs');
  if (/\s/.test(name) || name === '') return refuse('is not one word: supervisorctl would read each word as a program');
  if (name.startsWith('-')) return refuse('starts with "-": supervisorctl would read it as an option');
  const colon = name.indexOf(':');
  const group = colon < 0 ? name : name.slice(0, colon);
  const process = colon < 0 ? name : name.slice(colon + 1);
  if (process === '') return refuse(`names the whole group ${group} (supervisorctl would restart every program in it)`);
  if (own !== undefined && own.group === group && own.process === process) {
    return {
      ok: false,
      reason: `${name} is the supervisord program the agent itself runs as; restarting it would kill the agent in the middle of the procedure`,
    };
  }
  return { ok: true, program: name as SupervisorProgram };
}
