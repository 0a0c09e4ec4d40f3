/** A name that systemctl will read as a service unit, and only as one. */
export type ServiceUnit = string & { readonly __brand: 'ServiceUnit' };

export type UnitNameCheck = { ok: true; unit: ServiceUnit } | { ok: false; reason: string };

/** systemd's unit types other than service: restarting one reaches far beyond a process. */
const OTHER_UNIT_TYPES = ['target', 'socket', 'device', 'mount', 'automount', 'swap', 'timer', 'path', 'slice', 'scope'];

/**
 * Pure: the service unit a process name stands for. A bare name means
 * NAME.service, as systemctl itself reads it (a suffix that is not a unit
 * type, as in php-fpm7.4, also gets .service); NAME.service is kept. Any
 * other unit type is refused: `reboot.target` would reboot the host, and
 * `exit.target` stops a user manager. So is a unit the agent runs inside
 * (ownUnits): restarting it kills the agent in the middle of its procedure.
 */
export function serviceUnitName(name: string, ownUnits: readonly string[] = []): UnitNameCheck {
  const suffix = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (OTHER_UNIT_TYPES.includes(suffix)) {
    return {
      ok: false,
      reason: `${name} is a systemd .${suffix} unit, not a service; the agent restarts only service units (restart_strategy service and auto)`,
    };
  }
  const unit = (suffix === 'service' ? name : `${name}.service`) as ServiceUnit;
  if (ownUnits.includes(unit)) {
    return { ok: false, reason: `${unit} is the systemd unit the agent itself runs in; restarting it would kill the agent in the middle of the procedure` };
  }
  return { ok: true, unit };
}
