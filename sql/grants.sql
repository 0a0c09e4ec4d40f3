-- monitor_service: a least-privilege database user for the agent.
-- Load after sql/setup.sql (GRANT on a table or column needs it to exist):
--   mysql < sql/setup.sql && mysql < sql/grants.sql
-- Idempotent: CREATE USER IF NOT EXISTS leaves an existing account (and its
-- password) alone, and GRANT only adds what is missing. Works on MySQL 5.7/8.x
-- and MariaDB 10.3+.
--
-- The password: this file holds none. A new account gets a long random one
-- that nobody knows (generated here, never printed), so the account is
-- unusable until the administrator chooses the real password:
--
--   mysql -e "ALTER USER 'monitor_service'@'localhost' IDENTIFIED BY 'the-password'"
--
-- and writes the same password, alone on the first line, into the agent's
-- password_file (mode 600) or its systemd credential (LoadCredential=). A
-- fixed placeholder password would be a known password on every installation
-- that forgot this step; an empty one would let anyone in.
--
-- 'localhost' covers the Unix socket (and TCP to localhost on MariaDB). If the
-- agent connects over TCP from another host, repeat the statements below for
-- 'monitor_service'@'that-host'.
--
-- What the agent may do, and nothing else (no DDL, no other tables):
--   PROCESE                   read
--   STATUS_PROCESS            read; write only the alarma column (never notes)
--   monitor_* (its own)       read and write rows

SET @monitor_password = CONCAT('Aa1!', SHA2(CONCAT(RAND(), UUID(), NOW(6), CONNECTION_ID()), 256));
SET @monitor_create = CONCAT(
  'CREATE USER IF NOT EXISTS ''monitor_service''@''localhost'' IDENTIFIED BY ''', @monitor_password, '''');
PREPARE monitor_stmt FROM @monitor_create;
EXECUTE monitor_stmt;
DEALLOCATE PREPARE monitor_stmt;
SET @monitor_password = NULL;
SET @monitor_create = NULL;

GRANT SELECT ON v_process_monitor.PROCESE TO 'monitor_service'@'localhost';
GRANT SELECT, UPDATE (alarma) ON v_process_monitor.STATUS_PROCESS TO 'monitor_service'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON v_process_monitor.monitor_restart_history TO 'monitor_service'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON v_process_monitor.monitor_circuit_breaker TO 'monitor_service'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON v_process_monitor.monitor_claim TO 'monitor_service'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON v_process_monitor.monitor_agent TO 'monitor_service'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON v_process_monitor.monitor_notification TO 'monitor_service'@'localhost';
