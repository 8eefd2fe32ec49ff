// The dashboard: sign in with a community key, then three pages (#/network, #/member/{id},
// #/community) and a list of what just happened, fed by the community's live events.

import { communityPath, LedgerError, number, read, reportIn, session } from './api.js';
import { communityPage } from './community.js';
import { follow } from './live.js';
import { memberPage } from './member.js';
import { networkPage } from './network.js';

/** Display names by member id, filled by whichever page read them; the activity list uses them. */
const names = new Map();
let community = null;
let stopFollowing = null;

const pages = {
  network: networkPage({ names }),
  member: memberPage({ names, community: () => community }),
  community: communityPage({ names, community: () => community }),
};

const signInForm = document.getElementById('sign-in-form');
const signInError = document.getElementById('sign-in-error');
const liveStatus = document.getElementById('live-status');
const activity = document.getElementById('activity');
const activityList = document.getElementById('activity-list');

signInForm.addEventListener('submit', async event => {
  event.preventDefault();
  const communityId = document.getElementById('community-id').value.trim();
  const key = document.getElementById('community-key').value.trim();
  signInError.textContent = '';
  try {
    community = await read(communityPath('', communityId), { key });
  } catch (failure) {
    signInError.textContent = signInProblem(failure);
    return;
  }
  session.signIn(communityId, key);
  signInForm.reset();
  start();
  if (location.hash === '#/network') {
    route();
  } else {
    location.hash = '#/network';
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  stop();
  if (location.hash === '#/') {
    route();
  } else {
    location.hash = '#/';
  }
});

let initialised = false;
window.addEventListener('hashchange', route);
// echarts.min.js is a deferred classic script: it has run once the document has been parsed.
window.addEventListener('DOMContentLoaded', () => init());
if (document.readyState !== 'loading') {
  init();
}

async function init() {
  if (initialised) {
    return;
  }
  initialised = true;
  if (session.signedIn) {
    try {
      community = await read(communityPath());
      start();
    } catch (failure) {
      session.signOut();
      signInError.textContent = signInProblem(failure);
    }
  }
  route();
}

function signInProblem(failure) {
  if (failure instanceof LedgerError) {
    if (failure.status === 401) {
      return 'The ledger refused this key.';
    }
    if (failure.status === 403) {
      return 'This key is not a key of that community.';
    }
    if (failure.status === 404) {
      return 'There is no community with that id.';
    }
    return failure.message;
  }
  return 'The ledger could not be reached.';
}

/** Signed in: show the navigation and follow the community's live events. */
function start() {
  document.getElementById('community-name').textContent = `· ${community.name}`;
  document.getElementById('nav').hidden = false;
  liveStatus.hidden = false;
  stopFollowing = follow(onLiveEvent, state => {
    liveStatus.dataset.state = state;
    liveStatus.textContent = {
      connecting: 'Live updates: connecting',
      connected: 'Live updates: on',
      reconnecting: 'Live updates: reconnecting',
    }[state];
  });
}

function stop() {
  if (stopFollowing) {
    stopFollowing();
    stopFollowing = null;
  }
  community = null;
  names.clear();
  Object.values(pages).forEach(page => page.reset());
  document.getElementById('community-name').textContent = '';
  document.getElementById('nav').hidden = true;
  liveStatus.hidden = true;
  activity.hidden = true;
  activityList.replaceChildren();
}

function onLiveEvent(name, data) {
  if (name === 'member' && data.displayName) {
    names.set(data.memberId, data.displayName);
  }
  const item = document.createElement('li');
  item.textContent = describe(name, data);
  item.dataset.kind = name;
  if (data.contributionId) {
    item.dataset.contributionId = data.contributionId;
  }
  activityList.prepend(item);
  activity.hidden = false;
  while (activityList.children.length > 20) {
    activityList.lastElementChild.remove();
  }
  Object.values(pages).forEach(page => page.onLiveEvent(name, data));
}

function who(memberId) {
  return names.get(memberId) || memberId;
}

function describe(name, data) {
  switch (data.type) {
    case 'ContributionRecorded':
      return `${who(data.giver)} gave ${who(data.receiver)} ${number(data.value)} ${data.category} (${data.status.toLowerCase()})`;
    case 'ContributionConfirmed':
      return `${who(data.receiver)} confirmed ${number(data.value)} ${data.category} from ${who(data.giver)}`;
    case 'ContributionDisputed':
      return `${who(data.receiver)} disputed ${number(data.value)} ${data.category} from ${who(data.giver)}`;
    case 'ContributionRevoked':
      return `An act from ${who(data.giver)} to ${who(data.receiver)} was revoked`;
    case 'ContributionReversed':
      return `An act from ${who(data.giver)} to ${who(data.receiver)} was reversed`;
    case 'ContributionCorrected':
      return `An act from ${who(data.giver)} to ${who(data.receiver)} was corrected to ${number(data.value)} ${data.category}`;
    case 'TrustDeclared':
      return `${who(data.truster)} trusts ${who(data.trustee)} at ${data.level}`;
    case 'TrustWithdrawn':
      return `${who(data.truster)} withdrew trust in ${who(data.trustee)}`;
    case 'MemberRegistered':
      return `${data.displayName || data.memberId} joined`;
    case 'MemberProfileUpdated':
      return `${data.memberId} is now called ${data.displayName}`;
    case 'MemberSuspended':
      return `${who(data.memberId)} was suspended`;
    case 'MemberReinstated':
      return `${who(data.memberId)} was reinstated`;
    case 'MemberErased':
      return `${data.memberId}'s personal data was erased`;
    case 'MembersMerged':
      return `${who(data.mergedMemberId)} was merged into ${who(data.memberId)}`;
    default:
      return `${name}: ${data.type}`;
  }
}

/** Shows the page the address names; sign-in when signed out. */
async function route() {
  const [, page = 'network', argument] = location.hash.replace(/^#/, '').split('/');
  const known = pages[page] && (page !== 'member' || argument);
  const target = !session.signedIn || !community ? 'sign-in' : (known ? page : 'network');
  for (const section of document.querySelectorAll('main > .page')) {
    section.hidden = section.id !== target;
  }
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    if (link.dataset.page === target) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (target === 'sign-in') {
    document.getElementById('community-id').focus();
    return;
  }
  document.title = `${community.name}: ${target} · Contribution Ledger`;
  const error = document.querySelector(`#${target} > .error`);
  if (error) {
    error.remove();
  }
  await pages[target].show(argument === undefined ? undefined : decodeURIComponent(argument))
    .catch(reportIn(target));
}
