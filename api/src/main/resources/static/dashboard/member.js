// The Member page: reputation and where it comes from (the answer's top sources and score parts, as
// a chart and a table), breadth, reach, character, "My network" (its quality, character, relevance,
// balance and whom to meet next, from one answer), reciprocity over time (reads as of six instants)
// and the statement, a page at a time.

import { asOf, drawOverTime, fillFacts, instantsSince, memberLink, memberPath, number, percent, read, reportIn, row } from './api.js';

const STATEMENT_PAGE = 10;

export function memberPage({ names, community }) {
  const title = document.getElementById('member-title');
  const influence = document.getElementById('member-influence');
  const breadth = document.getElementById('member-breadth');
  const whyTable = document.querySelector('#member-why-table tbody');
  const statement = document.querySelector('#member-statement tbody');
  const networkCategory = document.getElementById('member-network-category');
  const newer = document.getElementById('statement-newer');
  const older = document.getElementById('statement-older');
  let whyChart = null;
  let timeChart = null;
  let memberId = null;
  /** Statement pages read so far: the first page's URL, then each `next` followed. */
  let pages = [];
  /** The statement page shown, 0 being the newest. */
  let current = 0;
  let refreshTimer = null;

  networkCategory.addEventListener('change', () => showNetwork().catch(reportIn('member')));
  newer.addEventListener('click', () => showStatementPage(current - 1).catch(reportIn('member')));
  older.addEventListener('click', () => showStatementPage(current + 1).catch(reportIn('member')));
  window.addEventListener('resize', () => {
    whyChart && whyChart.resize();
    timeChart && timeChart.resize();
  });

  async function showReputation() {
    const reputation = await read(memberPath(memberId, '/reputation?topSources=8'));
    names.set(memberId, reputation.displayName);
    title.textContent = reputation.displayName ? `${reputation.displayName} (${memberId})` : memberId;
    const sphere = reputation.sphere;
    fillFacts(influence, [
      ['Score', number(reputation.influence.score)],
      ['Relative to average', `${number(reputation.influence.relativeScore, 3)} ×`],
      ['Rank', number(reputation.influence.rank)],
      ['Percentile', number(reputation.influence.percentile, 3)],
      ['Sphere', sphere ? String(sphere.sphere) : '—'],
      ['Participation', sphere ? number(sphere.participation, 3) : '—'],
      ['Bridge', sphere ? (sphere.bridge ? `yes, ties spheres ${sphere.spheresTied.join(', ')}` : 'no') : '—'],
    ]);
    fillFacts(breadth, [
      ['Gave to', `${number(reputation.breadth.givenTo)} members`],
      ['Received from', `${number(reputation.breadth.receivedFrom)} members`],
      ['Partners', number(reputation.breadth.partners)],
      ['Categories', reputation.breadth.categories.join(', ') || '—'],
      ['Partner diversity', number(reputation.breadth.partnerDiversity, 3)],
      ['Reach (two steps)', `${number(reputation.reach)} members`],
      ['Trusts', `${number(reputation.character.trusts)} members`],
      ['Trusted by', `${number(reputation.character.trustedBy)} members`],
      ['Trust returned', percent(reputation.character.reciprocatedTrust)],
      ['Distrusted by', `${number(reputation.character.distrustReceived)} members`],
    ]);
    showWhy(reputation);
  }

  /** The categories of the community to choose from, the one chosen kept; '' is the default (the member's own). */
  function fillNetworkCategories() {
    const chosen = networkCategory.value;
    const options = [['', 'the categories the member received most in'],
      ...community().settings.categories.map(name => [name, name])];
    networkCategory.replaceChildren(...options.map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }));
    networkCategory.value = options.some(([value]) => value === chosen) ? chosen : '';
  }

  /** "My network": one answer of GET .../members/{m}/network, shown part by part. */
  async function showNetwork() {
    const chosen = networkCategory.value;
    const network = await read(memberPath(memberId, chosen ? `/network?category=${encodeURIComponent(chosen)}` : '/network'));
    const panel = document.getElementById('member-network');
    const contacts = network.contacts;
    const spheres = network.spheresSpanned;
    document.getElementById('member-network-summary').textContent = contacts.count === 0
      ? 'No contacts yet: no positive trust and no confirmed act, either way.'
      : `${number(contacts.count)} contacts: trusts ${number(contacts.trusts)}, trusted by ${number(contacts.trustedBy)}, `
        + `gave to ${number(contacts.gaveTo)}, received from ${number(contacts.receivedFrom)}; `
        + `they span ${number(spheres.count)} ${spheres.count === 1 ? 'sphere' : 'spheres'}`
        + (spheres.count ? ` (${spheres.spheres.join(', ')})` : '') + '.';
    const quality = network.quality;
    fillFacts(document.getElementById('member-network-quality'), [
      ['Contacts\u2019 mean influence', number(quality.meanInfluence)],
      ['Median influence', number(quality.medianInfluence)],
      ['Share of all influence', percent(quality.influenceShare)],
      ['Percentile among members', number(quality.percentile, 3)],
    ]);
    const character = network.character;
    fillFacts(document.getElementById('member-network-character'), [
      ['Trusts', `${number(character.trustsGiven)} members (weight ${number(character.trustWeightGiven)})`],
      ['Trusted by', `${number(character.trustedBy)} members (weight ${number(character.trustWeightReceived)})`],
      ['Trust returned', percent(character.reciprocatedTrust)],
      ['Distrusted by', `${number(character.distrustReceived)} members`],
      ['Trusts, not trusted back', members(character.trustedNotBack)],
      ['Trusted by, not trusting back', members(character.trustedByNotBack)],
    ]);
    fillRows('#member-network-relevance tbody', network.relevance,
      relevance => [relevance.category, percent(relevance.influenceShare)], 'No category yet');
    const balance = network.balance;
    fillFacts(document.getElementById('member-network-balance'), [
      ['Since', balance.since ? balance.since.slice(0, 16).replace('T', ' ') : 'the beginning'],
      ['Given', `${number(balance.given.value)} in ${number(balance.given.count)} acts`],
      ['Received', `${number(balance.received.value)} in ${number(balance.received.count)} acts`],
      ['Balance (given \u2212 received)', number(balance.balance)],
    ]);
    const partnerRow = partner => [memberLink(partner.memberId, partner.displayName), number(partner.given.value),
      number(partner.received.value), number(partner.balance)];
    fillRows('#member-network-taking tbody', balance.keepTakingFrom, partnerRow, 'Nobody');
    fillRows('#member-network-never-gave-back tbody', balance.neverGaveBack, partnerRow, 'Nobody');
    fillRows('#member-network-meet tbody', network.whoToMeet, candidate => [
      memberLink(candidate.memberId, candidate.displayName), number(candidate.score), members(candidate.introducers),
    ], 'Nobody two steps away');
    for (const member of [...contacts.members, ...network.whoToMeet]) {
      names.set(member.memberId, member.displayName);
    }
    panel.dataset.state = 'read';
  }

  /** Links to members' pages, in the order given, or "nobody". */
  function members(list) {
    if (list.length === 0) {
      return 'nobody';
    }
    const links = document.createElement('span');
    list.forEach((member, i) => links.append(i ? ', ' : '', memberLink(member.memberId, member.displayName)));
    return links;
  }

  /** A table body filled with one row per item, or one row saying there is none. */
  function fillRows(selector, items, cells, none) {
    const body = document.querySelector(selector);
    const columns = body.closest('table').querySelectorAll('thead th').length;
    body.replaceChildren(...items.map(item => row(cells(item))));
    if (items.length === 0) {
      body.replaceChildren(row([none, ...Array(columns - 1).fill('')]));
    }
  }

  /** The score's parts: each top source, the other sources together, members who trust nobody, the teleport. */
  function showWhy(reputation) {
    const parts = reputation.topSources.map(source => ({
      label: source.displayName || source.memberId, value: source.contribution }));
    if (reputation.otherSources.count > 0) {
      parts.push({ label: `${number(reputation.otherSources.count)} other members`, value: reputation.otherSources.contribution });
    }
    parts.push({ label: 'Members who trust nobody (spread over everyone)', value: reputation.scoreParts.fromMembersWhoTrustNobody });
    parts.push({ label: 'Everyone’s base share (teleport)', value: reputation.scoreParts.fromTeleport });
    parts.sort((a, b) => b.value - a.value);
    whyTable.replaceChildren(...parts.map(part => row([part.label, number(part.value)])));
    whyChart = whyChart || echarts.init(document.getElementById('member-why-chart'));
    const shown = [...parts].reverse();
    whyChart.setOption({
      animation: false,
      aria: { enabled: true },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { color: '#1b1f24' } },
      yAxis: { type: 'category', data: shown.map(part => part.label), axisLabel: { color: '#1b1f24', width: 260, overflow: 'truncate' } },
      tooltip: { trigger: 'axis' },
      series: [{ type: 'bar', data: shown.map(part => part.value), itemStyle: { color: '#1f6fb4' } }],
    }, true);
  }

  /** Confirmed value given and received, read as of six instants (the API keeps no series). */
  async function showReciprocityOverTime() {
    const instants = instantsSince(community().createdAt);
    const given = [];
    const received = [];
    for (const instant of instants) {
      const reciprocity = await read(asOf(memberPath(memberId, '/reciprocity'), instant));
      given.push(Number(reciprocity.given.value));
      received.push(Number(reciprocity.received.value));
    }
    timeChart = timeChart || echarts.init(document.getElementById('member-reciprocity-chart'));
    drawOverTime(timeChart, instants, [
      { name: 'Given', data: given, colour: '#1f6fb4' },
      { name: 'Received', data: received, colour: '#c62828', dash: 'dashed' },
    ]);
  }

  /** Page `page` of the statement (0 is the newest); older pages are reached by the `next` links read so far. */
  async function showStatementPage(page) {
    if (page < 0) {
      return;
    }
    const url = page === 0 ? memberPath(memberId, `/statement?limit=${STATEMENT_PAGE}`) : pages[page];
    if (!url) {
      return;
    }
    const answer = await read(url);
    current = page;
    pages = pages.slice(0, page + 1);
    pages[page] = url;
    if (answer.next) {
      pages[page + 1] = answer.next;
    }
    statement.replaceChildren(...answer.entries.map(entry => {
      const tr = row([
        entry.occurredAt.slice(0, 16).replace('T', ' '),
        entry.direction === 'GIVEN' ? 'gave' : 'received',
        names.get(entry.counterpart) || entry.counterpart,
        entry.category,
        number(entry.value),
        entry.status.toLowerCase(),
      ]);
      tr.dataset.contributionId = entry.contributionId;
      return tr;
    }));
    if (answer.entries.length === 0) {
      statement.replaceChildren(row(['No acts yet', '', '', '', '', '']));
    }
    newer.disabled = page === 0;
    older.disabled = !answer.next;
  }

  return {
    async show(id) {
      const changed = id !== memberId;
      memberId = id;
      if (changed) {
        pages = [];
        current = 0;
        title.textContent = names.get(id) || id;
        statement.replaceChildren();
        delete document.getElementById('member-network').dataset.state;
      }
      title.focus();
      fillNetworkCategories();
      await Promise.all([showReputation(), showNetwork(), showStatementPage(0)]);
      await showReciprocityOverTime();
    },
    /** An act, trust or membership change that names this member: read again, once things calm down. */
    onLiveEvent(name, data) {
      if (memberId === null || document.getElementById('member').hidden) {
        return;
      }
      const involved = [data.giver, data.receiver, data.truster, data.trustee, data.memberId, data.mergedMemberId];
      if (!involved.includes(memberId)) {
        return;
      }
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        // New acts come first: the newest page is read again, an older one the reader chose is left alone.
        Promise.all([showReputation(), showNetwork(), current === 0 ? showStatementPage(0) : Promise.resolve()])
          .catch(() => { /* the next event or a reload reads again */ });
      }, name === 'act' ? 300 : 1200);
    },
    reset() {
      memberId = null;
      pages = [];
      current = 0;
      clearTimeout(refreshTimer);
      for (const chart of [whyChart, timeChart]) {
        chart && chart.dispose();
      }
      whyChart = null;
      timeChart = null;
    },
  };
}
