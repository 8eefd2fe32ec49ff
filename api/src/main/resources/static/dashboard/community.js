// The Community page: the ledger's counts and network measures, the leaderboard per category with
// display names, the spheres and their leaders, and reciprocity and Gini over time (stats read as
// of six instants: the API keeps no series).

import { asOf, communityPath, drawOverTime, fillFacts, instantsSince, memberLink, number, percent, read, reportIn, row, sphereColour } from './api.js';

const LEADERBOARD_PAGE = 20;

export function communityPage({ names, community }) {
  const stats = document.getElementById('community-stats');
  const category = document.getElementById('leaderboard-category');
  const board = document.querySelector('#leaderboard tbody');
  const previous = document.getElementById('leaderboard-previous');
  const next = document.getElementById('leaderboard-next');
  const spheresSummary = document.getElementById('spheres-summary');
  const spheresTable = document.getElementById('spheres');
  const bridgesTable = document.getElementById('bridges');
  let offset = 0;
  let timeChart = null;
  let refreshTimer = null;
  let shown = false;

  const report = reportIn('community');
  category.addEventListener('change', () => showLeaderboard(0).catch(report));
  previous.addEventListener('click', () => showLeaderboard(Math.max(0, offset - LEADERBOARD_PAGE)).catch(report));
  next.addEventListener('click', () => showLeaderboard(offset + LEADERBOARD_PAGE).catch(report));
  window.addEventListener('resize', () => timeChart && timeChart.resize());

  function fillCategories() {
    const chosen = category.value;
    const options = [['', 'All categories'], ...community().settings.categories.map(name => [name, name])];
    category.replaceChildren(...options.map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }));
    category.value = options.some(([value]) => value === chosen) ? chosen : '';
  }

  async function showStats() {
    const answer = await read(communityPath('/stats'));
    const network = answer.network;
    const acts = Object.entries(answer.acts).map(([status, count]) => `${number(count)} ${status.toLowerCase()}`).join(', ');
    fillFacts(stats, [
      ['Members', `${number(answer.members)} (${number(answer.activeMembers)} active)`],
      ['Acts', acts || 'none'],
      ['Confirmed value', number(answer.confirmedValue)],
      ['Trust declarations', `${number(answer.positiveTrustDeclarations)} positive, ${number(answer.negativeTrustDeclarations)} negative`],
      ['Trust ties', network ? number(network.trust.allTies) : '—'],
      ['Trust reciprocity', network ? percent(network.trust.edgewiseReciprocity) : '—'],
      ['Giving ties', network ? number(network.giving.allTies) : '—'],
      ['Giving reciprocity', network ? percent(network.giving.edgewiseReciprocity) : '—'],
      ['Gini of value given', network ? number(network.giniOfGivenValue, 3) : '—'],
    ]);
  }

  async function showLeaderboard(from) {
    offset = from;
    const chosen = category.value;
    const query = `/leaderboard?limit=${LEADERBOARD_PAGE}&offset=${offset}`
      + (chosen ? `&category=${encodeURIComponent(chosen)}` : '');
    const answer = await read(communityPath(query));
    board.replaceChildren(...answer.entries.map(entry => {
      names.set(entry.memberId, entry.displayName);
      const tr = row([String(entry.rank), memberLink(entry.memberId, entry.displayName), number(entry.score),
        number(entry.percentile, 3)]);
      tr.dataset.memberId = entry.memberId;
      return tr;
    }));
    if (answer.entries.length === 0) {
      board.replaceChildren(row(['', 'No member ranked yet', '', '']));
    }
    previous.disabled = offset === 0;
    next.disabled = !answer.next;
    board.closest('table').dataset.state = 'read';
  }

  async function showSpheres() {
    const answer = await read(communityPath('/spheres'));
    spheresSummary.textContent = `${number(answer.sphereCount)} spheres, modularity ${number(answer.modularity, 3)}.`;
    spheresTable.hidden = answer.spheres.length === 0;
    spheresTable.querySelector('tbody').replaceChildren(...answer.spheres.map(sphere => {
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = sphereColour(sphere.sphere);
      swatch.setAttribute('aria-hidden', 'true');
      const label = document.createElement('span');
      label.append(swatch, String(sphere.sphere));
      const leaders = document.createElement('span');
      sphere.leaders.forEach((leader, i) => {
        names.set(leader.memberId, leader.displayName);
        leaders.append(i ? ', ' : '', memberLink(leader.memberId, leader.displayName));
      });
      return row([label, number(sphere.size), number(sphere.density, 3), percent(sphere.influenceShare), leaders]);
    }));
    bridgesTable.hidden = answer.bridges.length === 0;
    bridgesTable.querySelector('tbody').replaceChildren(...answer.bridges.map(bridge => row([
      memberLink(bridge.memberId, bridge.displayName), String(bridge.sphere), bridge.spheresTied.join(', '),
      number(bridge.participation, 3), number(bridge.betweenness, 3)])));
  }

  async function showOverTime() {
    const instants = instantsSince(community().createdAt);
    const trust = [];
    const giving = [];
    const gini = [];
    for (const instant of instants) {
      const answer = await read(asOf(communityPath('/stats'), instant));
      const network = answer.network;
      trust.push(network ? network.trust.edgewiseReciprocity : null);
      giving.push(network ? network.giving.edgewiseReciprocity : null);
      gini.push(network ? network.giniOfGivenValue : null);
    }
    timeChart = timeChart || echarts.init(document.getElementById('community-time-chart'));
    drawOverTime(timeChart, instants, [
      { name: 'Trust reciprocity', data: trust, colour: '#1f6fb4' },
      { name: 'Giving reciprocity', data: giving, colour: '#2e7d32', dash: 'dashed' },
      { name: 'Gini of value given', data: gini, colour: '#c62828', dash: 'dotted' },
    ], { min: 0, max: 1 });
  }

  return {
    async show() {
      fillCategories();
      await Promise.all([showStats(), showLeaderboard(shown ? offset : 0)]);
      shown = true;
      await showSpheres().catch(failure => {
        spheresSummary.textContent = `The spheres could not be read: ${failure.message}`;
      });
      await showOverTime();
    },
    onLiveEvent() {
      if (document.getElementById('community').hidden) {
        return;
      }
      clearTimeout(refreshTimer);
      // Reputation follows writes within about a second: read after it has.
      refreshTimer = setTimeout(() => Promise.all([showStats(), showLeaderboard(offset)]).catch(() => {}), 1500);
    },
    reset() {
      clearTimeout(refreshTimer);
      offset = 0;
      shown = false;
      timeChart && timeChart.dispose();
      timeChart = null;
    },
  };
}
