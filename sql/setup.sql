-- monitor_service database setup.
-- Idempotent: running it again on a live database creates what is missing and
-- changes nothing that exists (no DROP, no TRUNCATE, sample rows only if absent).
-- Works on MySQL 5.7/8.x and MariaDB 10.3+. Load with:  mysql < sql/setup.sql

CREATE DATABASE IF NOT EXISTS v_process_monitor
  DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE v_process_monitor;

-- Tables other programs write. Shape as in the user guide: do not rename or
-- reorder columns. No foreign key between them: the guide registers a process
-- in STATUS_PROCESS before PROCESE, and that order must keep working.
CREATE TABLE IF NOT EXISTS PROCESE (
  process_id   INT          NOT NULL,
  process_name VARCHAR(255) NOT NULL,
  PRIMARY KEY (process_id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS STATUS_PROCESS (
  process_id INT          NOT NULL,
  alarma     TINYINT      NOT NULL DEFAULT 0,
  sound      TINYINT      NOT NULL DEFAULT 0,
  notes      VARCHAR(255) NULL,
  PRIMARY KEY (process_id)
) ENGINE=InnoDB;

-- The poll reads "alarma <> 0": index it so a poll costs O(alarms), not
-- O(processes). Added only if absent (MySQL has no CREATE INDEX IF NOT EXISTS).
SET @monitor_ddl = (
  SELECT IF(COUNT(*) = 0,
            'CREATE INDEX idx_status_process_alarma ON STATUS_PROCESS (alarma)',
            'DO 0')
  FROM information_schema.statistics
  WHERE table_schema = DATABASE() AND table_name = 'STATUS_PROCESS'
    AND index_name = 'idx_status_process_alarma');
PREPARE monitor_stmt FROM @monitor_ddl;
EXECUTE monitor_stmt;
DEALLOCATE PREPARE monitor_stmt;

-- Tables the agent owns. Operators' text (STATUS_PROCESS.notes) is never
-- written by the agent: everything it records goes here.

-- One row per restart procedure (and per decision not to act).
CREATE TABLE IF NOT EXISTS monitor_restart_history (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  process_id   INT           NOT NULL,
  process_name VARCHAR(255)  NULL,
  agent_id     VARCHAR(255)  NOT NULL,
  started_at   DATETIME(3)   NOT NULL,
  finished_at  DATETIME(3)   NULL,
  strategy     VARCHAR(32)   NULL,
  attempts     INT           NOT NULL DEFAULT 0,
  outcome      VARCHAR(32)   NOT NULL,
  reason       VARCHAR(1024) NULL,
  duration_ms  INT           NULL,
  restarted_at DATETIME(3)   NULL,
  PRIMARY KEY (id),
  KEY idx_history_process (process_id, id),
  KEY idx_history_outcome (outcome, agent_id)
) ENGINE=InnoDB;

-- When the procedure's latest restart command was issued (NULL: none yet);
-- attempts is written with it. An agent taking over an unfinished procedure
-- (its holder died) checks health first when this is set, instead of
-- restarting the process a second time. Added only if absent (upgrades).
SET @monitor_ddl = (
  SELECT IF(COUNT(*) = 0,
            'ALTER TABLE monitor_restart_history ADD COLUMN restarted_at DATETIME(3) NULL',
            'DO 0')
  FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 'monitor_restart_history'
    AND column_name = 'restarted_at');
PREPARE monitor_stmt FROM @monitor_ddl;
EXECUTE monitor_stmt;
DEALLOCATE PREPARE monitor_stmt;

-- Circuit breaker per process. Times are the database's clock (NOW()), so the
-- reset time is the same whichever host asks.
CREATE TABLE IF NOT EXISTS monitor_circuit_breaker (
  process_id      INT         NOT NULL,
  state           VARCHAR(16) NOT NULL DEFAULT 'closed',
  failures        INT         NOT NULL DEFAULT 0,
  opened_at       DATETIME(3) NULL,
  skip_reported   TINYINT     NOT NULL DEFAULT 0,
  updated_at      DATETIME(3) NOT NULL,
  PRIMARY KEY (process_id)
) ENGINE=InnoDB;

-- Claim on an alarm, with an expiring lease, so two agents never run the
-- restart procedure for the same process at once. Taken by a conditional
-- UPDATE using the database's clock (works on MySQL 5.7/8, MariaDB, Galera).
CREATE TABLE IF NOT EXISTS monitor_claim (
  process_id  INT          NOT NULL,
  holder      VARCHAR(255) NOT NULL DEFAULT '',
  lease_until DATETIME(3)  NOT NULL,
  PRIMARY KEY (process_id)
) ENGINE=InnoDB;

-- One row per running agent: what `monitor_service status` shows.
CREATE TABLE IF NOT EXISTS monitor_agent (
  agent_id     VARCHAR(255) NOT NULL,
  hostname     VARCHAR(255) NOT NULL,
  pid          INT          NOT NULL,
  version      VARCHAR(32)  NOT NULL,
  started_at   DATETIME(3)  NOT NULL,
  last_poll_at DATETIME(3)  NULL,
  stopped_at   DATETIME(3)  NULL,
  vanish_noticed_at DATETIME(3) NULL,
  PRIMARY KEY (agent_id)
) ENGINE=InnoDB;

-- Which agent group handles a process, when several hosts share this database
-- (README "Several hosts"). host is an agent's [monitor] agent_group (default:
-- its host name); a process with no row here is "unassigned" and is handled by
-- the agents with take_unassigned = yes (the default). The poll reads it by
-- primary key per alarm, so its size does not slow the poll down.
CREATE TABLE IF NOT EXISTS monitor_process_host (
  process_id INT          NOT NULL,
  host       VARCHAR(255) NOT NULL,
  PRIMARY KEY (process_id),
  KEY idx_process_host_host (host)
) ENGINE=InnoDB;

-- The group each agent serves (`monitor_service status` shows it). Added
-- only if absent (upgrades).
SET @monitor_ddl = (
  SELECT IF(COUNT(*) = 0,
            'ALTER TABLE monitor_agent ADD COLUMN agent_group VARCHAR(255) NOT NULL DEFAULT \'\'',
            'DO 0')
  FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 'monitor_agent'
    AND column_name = 'agent_group');
PREPARE monitor_stmt FROM @monitor_ddl;
EXECUTE monitor_stmt;
DEALLOCATE PREPARE monitor_stmt;

-- When an agent's stop without a goodbye (stopped_at never set) was reported,
-- by itself at its next start or by another agent: reported once per start.
-- Added only if absent (upgrades).
SET @monitor_ddl = (
  SELECT IF(COUNT(*) = 0,
            'ALTER TABLE monitor_agent ADD COLUMN vanish_noticed_at DATETIME(3) NULL',
            'DO 0')
  FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 'monitor_agent'
    AND column_name = 'vanish_noticed_at');
PREPARE monitor_stmt FROM @monitor_ddl;
EXECUTE monitor_stmt;
DEALLOCATE PREPARE monitor_stmt;

-- Notifications waiting to be sent, one row per channel: written by the agent
-- right after the history row it belongs to, claimed with an expiring lease
-- (like alarms) by the agent that sends it, so each goes out once even with
-- two agents; sent_at set once delivered (or folded into a repeat count).
CREATE TABLE IF NOT EXISTS monitor_notification (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  channel      VARCHAR(16)  NOT NULL,
  kind         VARCHAR(32)  NOT NULL,
  process_id   INT          NULL,
  process_name VARCHAR(255) NOT NULL DEFAULT '',
  agent_id     VARCHAR(255) NOT NULL,
  hostname     VARCHAR(255) NOT NULL,
  body         TEXT         NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  holder       VARCHAR(255) NOT NULL DEFAULT '',
  lease_until  DATETIME(3)  NULL,
  attempts     INT          NOT NULL DEFAULT 0,
  sent_at      DATETIME(3)  NULL,
  suppressed   TINYINT      NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY unsent (channel, sent_at, created_at),
  KEY repeats (channel, process_id, kind, sent_at)
) ENGINE=InnoDB;

-- Sample processes, as in the user guide (only if the ids are free).
INSERT IGNORE INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES
  (1, 0, 0, 'Web server'),
  (2, 0, 0, 'Database server'),
  (3, 0, 0, 'Mail server'),
  (4, 0, 0, 'SSH server'),
  (5, 0, 0, 'Scheduler');
INSERT IGNORE INTO PROCESE (process_id, process_name) VALUES
  (1, 'apache2'),
  (2, 'mysqld'),
  (3, 'postfix'),
  (4, 'sshd'),
  (5, 'crond');
