// The ledger's API as the dashboard uses it: the community and its key live in this tab's
// sessionStorage only, and every read carries the key.

const COMMUNITY = 'ledger.dashboard.community';
const KEY = 'ledger.dashboard.key';

export const session = {
  get communityId() { return sessionStorage.getItem(COMMUNITY); },
  get key() { return sessionStorage.getItem(KEY); },
  get signedIn() { return Boolean(sessionStorage.getItem(COMMUNITY) && sessionStorage.getItem(KEY)); },
  signIn(communityId, key) {
    sessionStorage.setItem(COMMUNITY, communityId);
    sessionStorage.setItem(KEY, key);
  },
  signOut() {
    sessionStorage.removeItem(COMMUNITY);
    sessionStorage.removeItem(KEY);
  },
};

/** A problem+json answer (or a failed connection), with the ledger's own words for it. */
export class LedgerError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || `The ledger answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The community's own path: /api/v1/communities/{id}/..., ids encoded. */
export function communityPath(rest = '', communityId = session.communityId) {
  return `/api/v1/communities/${encodeURIComponent(communityId)}${rest}`;
}

/** GET a path of the API (or a root-relative `next` link it gave) as JSON. */
export async function read(path, { key = session.key, signal } = {}) {
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
    signal,
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new LedgerError(response.status, body);
  }
  return body;
}

/** A member's path under the community. */
export function memberPath(memberId, rest = '') {
  return communityPath(`/members/${encodeURIComponent(memberId)}${rest}`);
}

/**
 * Six instants from the community's creation to now, the last one "now" (null: a live read). The
 * API has no series of past figures; each point is a read with ?asOf=, replayed by the ledger.
 */
export function instantsSince(createdAt, count = 6) {
  const start = Date.parse(createdAt);
  const end = Date.now();
  const instants = [];
  for (let i = 1; i < count; i++) {
    instants.push(new Date(start + ((end - start) * i) / count).toISOString());
  }
  instants.push(null);
  return instants;
}

/** `path` read as of `instant` (null: now). */
export function asOf(path, instant) {
  if (instant === null) {
    return path;
  }
  return `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(instant)}`;
}

/**
 * Draws figures read as of `instants` (see instantsSince) as lines over time, one per series
 * `{ name, data, colour, dash }` (`dash`: 'dashed' or 'dotted', absent for a solid line), on an
 * ECharts instance; `yAxis` adds to the value axis (e.g. `{ min: 0, max: 1 }`). Both time charts
 * draw this way, so they read alike.
 */
export function drawOverTime(chart, instants, series, yAxis = {}) {
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    legend: { textStyle: { color: '#1b1f24' } },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: instants.map(at => at === null ? 'now' : at.slice(0, 16).replace('T', ' ')),
      axisLabel: { color: '#1b1f24' } },
    yAxis: { type: 'value', ...yAxis, axisLabel: { color: '#1b1f24' } },
    series: series.map(({ name, data, colour, dash }) => ({
      name, type: 'line', data, itemStyle: { color: colour }, ...(dash ? { lineStyle: { type: dash } } : {}) })),
  }, true);
}

/** Numbers as people read them: a few significant digits, thousands separated. */
export function number(value, digits = 4) {
  if (value === null || value === undefined) {
    return '—';
  }
  const n = Number(value);
  if (Number.isInteger(n)) {
    return n.toLocaleString('en');
  }
  return n.toLocaleString('en', { maximumSignificantDigits: digits });
}

export function percent(value) {
  return value === null || value === undefined ? '—' : `${(100 * Number(value)).toLocaleString('en', { maximumFractionDigits: 1 })} %`;
}

/** Replaces a <dl>'s content with [term, description] pairs. */
export function fillFacts(list, facts) {
  list.replaceChildren(...facts.flatMap(([term, description]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    if (description instanceof Node) {
      dd.append(description);
    } else {
      dd.textContent = description;
    }
    return [dt, dd];
  }));
}

/** A table row of text cells (or nodes). */
export function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) {
      td.append(cell);
    } else {
      td.textContent = cell;
    }
    tr.append(td);
  }
  return tr;
}

/** A link to a member's page, named as the community knows them. */
export function memberLink(memberId, displayName) {
  const link = document.createElement('a');
  link.href = `#/member/${encodeURIComponent(memberId)}`;
  link.textContent = displayName || memberId;
  return link;
}

/** Colours of spheres 1, 2, ...: each at least 3:1 against white (WCAG 1.4.11), told apart by hue. */
export const SPHERE_COLOURS = ['#1f6fb4', '#c62828', '#2e7d32', '#7b3fb0', '#8c5a2b', '#b35900', '#00796b',
  '#ad1457', '#5f6b00', '#37474f'];
export const NO_SPHERE_COLOUR = '#6b7280';

export function sphereColour(sphere) {
  return sphere ? SPHERE_COLOURS[(sphere - 1) % SPHERE_COLOURS.length] : NO_SPHERE_COLOUR;
}

/** Shows a failed read at the top of a page, in words, for screen readers too (role="alert"). */
export function reportIn(sectionId) {
  return failure => {
    const section = document.getElementById(sectionId);
    let message = section.querySelector(':scope > .error');
    if (!message) {
      message = document.createElement('p');
      message.className = 'error';
      message.setAttribute('role', 'alert');
      section.prepend(message);
    }
    if (failure instanceof LedgerError) {
      message.textContent = failure.message;
    } else {
      // Not the ledger's answer but the page's own failure: said on the page, and in the console as the bug it is.
      message.textContent = `The page failed: ${failure.message}`;
      console.error(failure);
    }
  };
}
