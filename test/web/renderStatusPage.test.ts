import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StatusData } from '../../src/commands/statusScreen.js';
import { escapeHtml } from '../../src/web/escapeHtml.js';
import { refreshSeconds, renderStatusPage, renderUnavailablePage } from '../../src/web/renderStatusPage.js';
import { STATUS_PAGE_CSP, STATUS_PAGE_CSS } from '../../src/web/statusPageStyle.js';
import { processRow } from '../commands/processRowFixture.js';

const now = new Date(2024, 4, 1, 12, 0, 0);
const HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>"\'&';

function data(): StatusData {
  const hostileRow = processRow({
    process_id: 5,
    process_name: HOSTILE,
    assigned_host: HOSTILE,
    alarma: 1,
    last_outcome: 'rejected',
    last_reason: `bad name ${HOSTILE}`,
  });
  return {
    database: 'database v_process_monitor on localhost:3306 as monitor',
    dbNow: now,
    checkIntervalSeconds: 2,
    processes: [processRow(), hostileRow, processRow({ process_id: 7, process_name: 'pump', assigned_host: 'plant-a', alarma: 1 })],
    history: new Map([
      [
        5,
        [
          {
            id: 9,
            process_id: 5,
            agent_id: HOSTILE,
            started_at: now,
            finished_at: now,
            strategy: null,
            attempts: 0,
            outcome: 'rejected',
            reason: `refused ${HOSTILE}`,
          },
        ],
      ],
    ]),
    agents: [{ agent_id: HOSTILE, agent_group: 'h', hostname: 'h', pid: 1, version: '1', started_at: now, last_poll_at: now, stopped_at: null, db_now: now }],
  };
}

describe('renderStatusPage', () => {
  const html = renderStatusPage(data(), { refreshSeconds: 5, agentId: HOSTILE });

  it('escapes every database string: no tag or quote of theirs reaches the page', () => {
    expect(html).not.toMatch(/<img|<\/script|<script/i);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;&quot;&#39;&amp;');
  });

  it('has a viewport, refreshes itself, and has no script', () => {
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).toContain(`<style>${STATUS_PAGE_CSS}</style>`);
  });

  it('lists the processes needing a look first', () => {
    expect(html.indexOf('<td data-label="ID">5</td>')).toBeGreaterThan(0);
    expect(html.indexOf('<td data-label="ID">5</td>')).toBeLessThan(html.indexOf('<td data-label="ID">1</td>'));
  });

  it('shows the summary, the decision of each process and the reasons of recent restarts', () => {
    expect(html).toContain('2 process(es) in alarm, 0 circuit breaker(s) open, 1 agent(s) alive');
    expect(html).toContain('not restarted: the name is refused');
    expect(html).toContain(`refused ${escapeHtml(HOSTILE)}`);
  });

  it("shows each process's group, each agent's, and the alarms per group: none alive in a group in alarm is marked", () => {
    expect(html).toContain('<td data-label="Host">(any)</td>'); // process 1: unassigned
    expect(html).toContain('<td data-label="Host">plant-a</td>');
    expect(html).toContain('<td data-label="Group">h</td>'); // the agent's
    expect(html).toContain('<h2>Alarms per group</h2>');
    expect(html).toContain('<tr><td data-label="Group">plant-a</td><td data-label="Alarms">1</td><td data-label="Agents alive" class="bad">0</td></tr>');
  });

  it('allows its own style by hash, and no script', () => {
    const hash = createHash('sha256').update(STATUS_PAGE_CSS).digest('base64');
    expect(STATUS_PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(STATUS_PAGE_CSP).toContain("default-src 'none'");
    expect(STATUS_PAGE_CSP).not.toContain('script-src');
  });

  it('says when the database cannot be read, escaped', () => {
    const page = renderUnavailablePage(`connect ECONNREFUSED ${HOSTILE}`, { refreshSeconds: 5, agentId: 'a' });
    expect(page).toContain('The database cannot be read: connect ECONNREFUSED &lt;img');
    expect(page).not.toContain('<img');
  });

  it('refreshes at the poll interval, between 5 and 60 seconds', () => {
    expect(refreshSeconds(0.2)).toBe(5);
    expect(refreshSeconds(30)).toBe(30);
    expect(refreshSeconds(300)).toBe(60);
  });
});
