// The community's live events (GET .../events, server-sent events). EventSource cannot send the key
// in a header, so the stream is read with fetch and parsed here. When the server ends the stream
// (its time is up) or the connection drops, it reconnects, waiting longer after each failure.

import { communityPath, session } from './api.js';

/**
 * Opens the stream and keeps it open until the returned function is called.
 * @param onEvent  (name, data) for every event but `open`
 * @param onState  'connecting' | 'connected' | 'reconnecting'
 */
export function follow(onEvent, onState) {
  const controller = new AbortController();
  let failures = 0;

  async function readOnce() {
    onState(failures === 0 ? 'connecting' : 'reconnecting');
    const response = await fetch(communityPath('/events'), {
      headers: { Authorization: `Bearer ${session.key}`, Accept: 'text/event-stream' },
      signal: controller.signal,
      cache: 'no-store',
    });
    if (!response.ok || !response.body) {
      throw new Error(`The event stream answered ${response.status}`);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parse(frame);
        if (event.name === 'open') {
          failures = 0;
          onState('connected');
        } else if (event.data !== null) {
          onEvent(event.name, JSON.parse(event.data));
        }
      }
    }
  }

  (async () => {
    while (!controller.signal.aborted) {
      try {
        await readOnce();
      } catch (failure) {
        if (controller.signal.aborted) {
          return;
        }
        failures++;
      }
      if (controller.signal.aborted) {
        return;
      }
      // An ended stream reconnects at once; a failing one waits 1, 2, 4 ... up to 30 s.
      const wait = failures === 0 ? 0 : Math.min(30000, 1000 * 2 ** (failures - 1));
      await new Promise(resolve => setTimeout(resolve, wait));
    }
  })();

  return () => controller.abort();
}

/** One frame of text/event-stream: `event:` names it, `data:` lines carry it, `:` lines are comments. */
function parse(frame) {
  let name = 'message';
  const data = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      name = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  return { name, data: data.length ? data.join('\n') : null };
}
