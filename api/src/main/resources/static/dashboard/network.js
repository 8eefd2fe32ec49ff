// The Network page: every member placed by the ledger (GET .../graph), sized by influence, coloured
// by sphere, bridges as diamonds; trust and gifts as edges. The browser only paints: the layout is
// the server's, so even Bitcoin OTC (5,881 members, 35,592 ties) draws in about a second.

import { communityPath, fillFacts, memberPath, number, read, sphereColour } from './api.js';

/** Above this many members: no labels, arrows or hover emphasis, which would slow every frame. */
const LARGE = 1500;
const TRUST_EDGE = '#7a828e';
const GIFT_EDGE = '#2e7d32';

export function networkPage({ names }) {
  const element = document.getElementById('network-chart');
  const summary = document.getElementById('network-summary');
  const card = document.getElementById('member-card');
  const cardTitle = document.getElementById('member-card-title');
  const cardFacts = document.getElementById('member-card-facts');
  const cardLink = document.getElementById('member-card-link');
  const searchForm = document.getElementById('member-search');
  const searchInput = document.getElementById('member-search-input');
  const searchResult = document.getElementById('member-search-result');
  const datalist = document.getElementById('member-names');
  const legend = document.getElementById('network-legend');
  const top = document.getElementById('network-top');

  let chart = null;
  let nodes = [];
  let index = new Map();
  let refreshTimer = null;
  let loading = null;
  /** Events came while the page was hidden: the drawing is read again when it is shown. */
  let stale = false;
  /** Whether the drawing shown is the large kind (value grid, edges as large lines). */
  let drawnLarge = false;

  document.getElementById('member-card-close').addEventListener('click', () => {
    card.hidden = true;
    searchInput.focus();
  });
  searchForm.addEventListener('submit', event => {
    event.preventDefault();
    const memberId = find(searchInput.value);
    if (memberId === null) {
      searchResult.textContent = `No member matches “${searchInput.value.trim()}”.`;
      return;
    }
    searchResult.textContent = '';
    focusNode(memberId);
    showCard(memberId);
  });
  window.addEventListener('resize', fit);

  /** The chart follows its element's size; a large drawing keeps its square. */
  function fit() {
    if (chart) {
      chart.resize();
      if (drawnLarge) {
        chart.setOption({ grid: squareGrid() });
      }
    }
  }

  function chartInstance() {
    if (!chart) {
      chart = echarts.init(element, null, { renderer: 'canvas' });
      chart.on('click', params => {
        if (params.dataType === 'node') {
          showCard(nodes[params.dataIndex].memberId);
        }
      });
    }
    return chart;
  }

  /** Reads the drawing and paints it; `data-draw-ms` on the chart says how long from fetch to painted. */
  async function load() {
    const started = performance.now();
    element.dataset.state = 'loading';
    summary.textContent = 'Reading the network…';
    const drawing = await read(communityPath('/graph'));
    paint(drawing, started);
    return drawing;
  }

  function paint(drawing, started) {
    nodes = drawing.nodes;
    index = new Map(nodes.map((node, i) => [node.memberId, i]));
    for (const node of nodes) {
      names.set(node.memberId, node.displayName);
    }
    const large = nodes.length > LARGE;
    let most = 0;
    for (const node of nodes) {
      most = Math.max(most, node.influence);
    }
    const data = nodes.map(node => ({
      name: node.memberId,
      // A small network is drawn in the chart's own view; a large one on a value grid (see below).
      ...(large ? { value: [node.x, node.y] } : { x: node.x, y: node.y, value: node.influence }),
      symbol: node.bridge ? 'diamond' : 'circle',
      // Area follows influence: the radius grows with its square root.
      symbolSize: (large ? 3 : 6) + (large ? 22 : 28) * Math.sqrt(most > 0 ? node.influence / most : 0),
      itemStyle: {
        color: sphereColour(node.sphere),
        borderColor: node.bridge ? '#1b1f24' : '#ffffff',
        borderWidth: node.bridge ? 2 : (large ? 0 : 1),
      },
    }));
    const trust = [];
    const gifts = [];
    for (const edge of drawing.edges) {
      const source = index.get(edge.from);
      const target = index.get(edge.to);
      if (source !== undefined && target !== undefined) {
        (edge.kinds.includes('gave') ? gifts : trust).push([source, target]);
      }
    }
    const edgeCount = trust.length + gifts.length;
    const instance = chartInstance();
    if (started !== undefined) {
      instance.on('finished', function painted() {
        instance.off('finished', painted);
        element.dataset.drawMs = String(Math.round(performance.now() - started));
        element.dataset.nodes = String(nodes.length);
        element.dataset.edges = String(edgeCount);
        element.dataset.state = 'drawn';
      });
    }
    const common = {
      animation: false,
      aria: { enabled: true, label: { description:
        `Network of ${nodes.length} members and ${edgeCount} ties. Use “Find a member” to open a member's card.` } },
      tooltip: {
        trigger: 'item',
        formatter: params => params.seriesId === 'network' && params.dataType === 'node'
          ? `${escape(label(nodes[params.dataIndex]))}<br>influence ${number(nodes[params.dataIndex].influence)}`
          : '',
      },
    };
    // A first drawing starts afresh; a drawing read again after live events keeps the reader's zoom.
    const afresh = started !== undefined || large !== drawnLarge;
    drawnLarge = large;
    instance.setOption({ ...common, ...(large ? largeNetwork(data, trust, gifts) : smallNetwork(data, trust, gifts)) },
      afresh ? { notMerge: true } : { replaceMerge: ['series'] });
    summary.textContent = `${number(nodes.length)} members and ${number(edgeCount)} ties`
      + (drawing.freshness.upToDate ? '.' : ' (reputation is catching up with the latest events).');
    fillLegend();
    fillTop();
    fillNames();
  }

  function label(node) {
    return node.displayName || node.memberId;
  }

  /** The largest square in the chart, so the drawing keeps its proportions. */
  function squareGrid() {
    const side = Math.max(100, Math.min(element.clientWidth, element.clientHeight) - 20);
    return { left: (element.clientWidth - side) / 2, top: (element.clientHeight - side) / 2, width: side, height: side };
  }

  /** Every element its own shape: arrows, labels, hover showing a member's ties. */
  function smallNetwork(data, trust, gifts) {
    const links = [
      ...trust.map(([source, target]) => ({ source, target })),
      ...gifts.map(([source, target]) => ({ source, target, lineStyle: { color: GIFT_EDGE } })),
    ];
    return {
      series: [{
        id: 'network',
        type: 'graph',
        layout: 'none',
        roam: true,
        data,
        links,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 5,
        lineStyle: { color: TRUST_EDGE, width: 1, opacity: 0.55, curveness: 0 },
        label: { show: data.length <= 60, position: 'right', color: '#1b1f24',
          formatter: params => label(nodes[params.dataIndex]) },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2, opacity: 0.9 } },
        select: { disabled: true },
      }],
    };
  }

  /**
   * Thousands of members: the members on a square value grid (zoomed and panned by dataZoom), and the
   * ties as two "lines" series in large mode, each painted as one path: tens of thousands of edges
   * then cost a few milliseconds per frame instead of one shape each.
   */
  function largeNetwork(data, trust, gifts) {
    const axis = { type: 'value', min: 0, max: 1000, show: false };
    const ties = (id, pairs, color) => ({
      id,
      type: 'lines',
      coordinateSystem: 'cartesian2d',
      large: true,
      largeThreshold: 1,
      progressiveThreshold: 10000000,
      silent: true,
      z: 1,
      lineStyle: { color, width: 0.5, opacity: 0.2 },
      data: pairs.map(([source, target]) => ({ coords: [data[source].value, data[target].value] })),
    });
    return {
      grid: squareGrid(),
      xAxis: axis,
      // The server's y grows downwards, as on a screen.
      yAxis: { ...axis, inverse: true },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
      ],
      series: [{
        id: 'network',
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        layout: 'none',
        data,
        links: [],
        z: 2,
        label: { show: false },
        emphasis: { focus: 'none', scale: 1.6 },
        select: { disabled: true },
      // An empty large-mode series has no layout for ECharts 5.3 to paint, and throws: left out.
      }, ...[ties('trust', trust, TRUST_EDGE), ties('gifts', gifts, GIFT_EDGE)].filter(series => series.data.length > 0)],
    };
  }

  function fillLegend() {
    const counts = new Map();
    let bridges = 0;
    for (const node of nodes) {
      counts.set(node.sphere, (counts.get(node.sphere) || 0) + 1);
      bridges += node.bridge ? 1 : 0;
    }
    const items = [];
    const spheres = [...counts.keys()].filter(sphere => sphere).sort((a, b) => a - b);
    for (const sphere of spheres.slice(0, 10)) {
      items.push(legendItem(sphereColour(sphere), `Sphere ${sphere}: ${number(counts.get(sphere))} members`));
    }
    if (spheres.length > 10) {
      items.push(legendItem(null, `${spheres.length - 10} smaller spheres`));
    }
    if (counts.has(null) || counts.has(undefined)) {
      items.push(legendItem(sphereColour(null), spheres.length ? 'No sphere (no tie)' : 'Spheres not computed'));
    }
    const bridge = legendItem(null, `Bridge (${number(bridges)})`);
    bridge.firstChild.classList.add('bridge');
    items.push(bridge);
    items.push(legendItem(TRUST_EDGE, 'Trust'), legendItem(GIFT_EDGE, 'Confirmed gift'));
    legend.replaceChildren(...items);
  }

  function legendItem(colour, text) {
    const item = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    if (colour) {
      swatch.style.background = colour;
    }
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, text);
    return item;
  }

  function fillTop() {
    const ranked = [...nodes].sort((a, b) => b.influence - a.influence).slice(0, 10);
    top.replaceChildren(...ranked.map(node => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = label(node);
      button.addEventListener('click', () => {
        focusNode(node.memberId);
        showCard(node.memberId);
      });
      item.append(button, ` ${number(node.influence)}`);
      return item;
    }));
  }

  function fillNames() {
    const options = nodes.map(node => {
      const option = document.createElement('option');
      option.value = node.displayName ? `${node.displayName} (${node.memberId})` : node.memberId;
      return option;
    });
    datalist.replaceChildren(...options);
  }

  /** A member id from what was typed: "Name (id)" as offered, an id, a name, or the first name containing it. */
  function find(text) {
    const typed = text.trim();
    if (!typed) {
      return null;
    }
    const offered = typed.match(/\(([^()]+)\)$/);
    if (offered && index.has(offered[1])) {
      return offered[1];
    }
    if (index.has(typed)) {
      return typed;
    }
    const lower = typed.toLowerCase();
    const exact = nodes.find(node => (node.displayName || '').toLowerCase() === lower);
    if (exact) {
      return exact.memberId;
    }
    const partial = nodes.find(node => (node.displayName || '').toLowerCase().includes(lower)
      || node.memberId.toLowerCase().includes(lower));
    return partial ? partial.memberId : null;
  }

  function focusNode(memberId) {
    const dataIndex = index.get(memberId);
    if (chart && dataIndex !== undefined) {
      chart.dispatchAction({ type: 'downplay', seriesIndex: 0 });
      chart.dispatchAction({ type: 'highlight', seriesIndex: 0, dataIndex });
      chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex });
    }
  }

  function showCard(memberId) {
    openCard(memberId).catch(failure => {
      fillFacts(cardFacts, [['Member id', memberId], ['Influence', `could not be read: ${failure.message}`]]);
    });
  }

  /** The member's card: who they are, how influential, their sphere; and a link to why. */
  async function openCard(memberId) {
    const node = nodes[index.get(memberId)];
    card.hidden = false;
    card.dataset.memberId = memberId;
    cardTitle.textContent = node ? label(node) : memberId;
    cardLink.href = `#/member/${encodeURIComponent(memberId)}`;
    fillFacts(cardFacts, [['Member id', memberId], ['Influence', 'reading…']]);
    cardTitle.focus();
    const reputation = await read(memberPath(memberId, '/reputation?topSources=3'));
    if (card.dataset.memberId !== memberId) {
      return; // another card was opened meanwhile
    }
    const sphere = reputation.sphere;
    fillFacts(cardFacts, [
      ['Member id', memberId],
      ['Influence', number(reputation.influence.score)],
      ['Rank', `${number(reputation.influence.rank)} of ${number(nodes.length)}`],
      ['Percentile', `${number(reputation.influence.percentile, 3)}`],
      ['Sphere', sphere ? `${sphere.sphere}` : (node && node.sphere ? `${node.sphere}` : '—')],
      ['Bridge', sphere ? (sphere.bridge ? `yes, ties spheres ${sphere.spheresTied.join(', ')}` : 'no') : '—'],
      ['Trusted by', number(reputation.character.trustedBy)],
      ['Reach (two steps)', number(reputation.reach)],
      ['Top source', reputation.topSources.length
        ? (reputation.topSources[0].displayName || reputation.topSources[0].memberId) : '—'],
    ]);
    card.dataset.state = 'read';
  }

  /** After live events: read the drawing again, once things calm down (large networks less often). */
  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, nodes.length > LARGE ? 10000 : 1500);
  }

  async function refresh(attempt = 0) {
    if (!chart || document.getElementById('network').hidden) {
      stale = true; // read again when the page is shown
      return;
    }
    stale = false;
    const drawing = await read(communityPath('/graph'));
    paint(drawing);
    if (!drawing.freshness.upToDate && attempt < 5) {
      refreshTimer = setTimeout(() => refresh(attempt + 1), 1000);
    }
  }

  return {
    async show() {
      if (!loading) {
        loading = load().catch(failure => {
          loading = null;
          throw failure;
        });
      }
      await loading;
      fit();
      if (stale) {
        await refresh();
      }
    },
    onLiveEvent() {
      if (loading) {
        scheduleRefresh();
      }
    },
    reset() {
      clearTimeout(refreshTimer);
      loading = null;
      stale = false;
      drawnLarge = false;
      if (chart) {
        chart.dispose();
        chart = null;
      }
      card.hidden = true;
      nodes = [];
      index = new Map();
    },
  };
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
