// The Events, Sessions and Users views. New events are added to what is on screen (never a rebuild), so
// open rows stay open and the page does not jump; only a filter or view change rebuilds, keeping open rows.
import { el } from './dom.js';
import { eventRow, markDuplicate } from './event-row.js';
import { byTimeline, cell, fullTime, groupOf, insertionIndex, matches } from './format.js';

/** Rows rendered at first (and per "Show more"); the rest stay in memory until asked for. */
export const PAGE = 200;

export function createEventsView({ root, model, filters, actions }) {
  let mode = 'events';
  let limit = PAGE;
  let matched = 0;
  const openRows = new Set();
  const openGroups = new Set();
  /** Grouped views: key → { key, entries (timeline order), node, list, countNode, rangeNode }. */
  let groups = new Map();
  const list = el('div', { class: 'list', 'data-testid': 'event-list' });
  const footer = el('div', { class: 'footer' });
  const empty = el('div', { class: 'empty', 'data-testid': 'empty' });
  root.append(list, empty, footer);

  const rowActions = {
    ...actions,
    toggled: (seq, open) => (open ? openRows.add(seq) : openRows.delete(seq)),
  };
  const row = (entry) => eventRow(entry, { open: openRows.has(entry.seq), duplicates: model.duplicates, actions: rowActions });

  const updateFooter = () => {
    footer.textContent = '';
    empty.textContent = matched ? '' : model.entries.length ? 'No event matches the filters.' : 'Waiting for events…';
    empty.hidden = matched > 0;
    if (mode !== 'events' || matched <= list.childElementCount) return;
    const more = el('button', { type: 'button', 'data-testid': 'show-more' }, `Show ${Math.min(PAGE, matched - list.childElementCount)} more`);
    more.addEventListener('click', () => {
      limit += PAGE;
      rebuild();
    });
    footer.append(el('span', { class: 'muted' }, `Showing ${list.childElementCount} of ${matched} events. `), more);
  };

  // ---- grouped views
  const groupHeader = (group) => {
    const first = group.entries[0]?.event;
    const last = group.entries[group.entries.length - 1]?.event;
    group.countNode.textContent = `${group.entries.length} events`;
    group.rangeNode.textContent = `${fullTime(first?.time)} → ${fullTime(last?.time).slice(11)}`;
  };
  const fillGroup = (group) => {
    group.list.textContent = '';
    group.entries.slice(0, 2000).forEach((entry) => group.list.append(row(entry)));
  };
  const makeGroup = (key, entries) => {
    const node = el('details', { class: 'group', 'data-testid': 'group', 'data-group': key });
    const countNode = el('span', { class: 'muted' });
    const rangeNode = el('span', { class: 'muted range' });
    const sample = entries[0]?.event ?? {};
    const who = mode === 'sessions' ? `user ${cell(sample.user_id)} · device ${cell(sample.device_id)}` : '';
    node.append(el('summary', { class: 'group-head' }, el('span', { class: 'type' }, mode === 'sessions' ? `session ${key}` : key), countNode, rangeNode, el('span', { class: 'muted' }, who)));
    // Session replay (docs/session-replay.md "Collector"): the session's replay plays beside its events.
    if (mode === 'sessions' && sample.device_id && sample.session_id) node.querySelector('summary').append(el('a', { class: 'replay', href: `/_footprint/replay?device_id=${encodeURIComponent(sample.device_id)}&session_id=${sample.session_id}`, target: '_blank' }, 'replay'));
    const groupList = el('div', { class: 'timeline' });
    node.append(groupList);
    const group = { key, entries, node, list: groupList, countNode, rangeNode };
    node.addEventListener('toggle', () => {
      if (node.open) {
        openGroups.add(key);
        fillGroup(group);
      } else {
        openGroups.delete(key);
        groupList.textContent = '';
      }
    });
    groupHeader(group);
    if (openGroups.has(key)) node.open = true;
    return group;
  };
  const addToGroup = (entry) => {
    const key = groupOf(entry.event, mode);
    let group = groups.get(key);
    if (!group) {
      group = makeGroup(key, [entry]);
      groups.set(key, group);
      list.prepend(group.node);
      return;
    }
    const index = insertionIndex(group.entries, entry, byTimeline);
    group.entries.splice(index, 0, entry);
    groupHeader(group);
    if (group.node.open && index < 2000) group.list.insertBefore(row(entry), group.list.children[index] ?? null);
  };

  // ---- both
  function rebuild() {
    const scroll = window.scrollY;
    list.textContent = '';
    groups = new Map();
    const f = filters();
    const shown = model.entries.filter((entry) => matches(entry, f));
    matched = shown.length;
    if (mode === 'events') {
      const rows = [];
      for (let i = shown.length - 1; i >= 0 && rows.length < limit; i--) rows.push(row(shown[i]));
      list.append(...rows);
    } else {
      const byKey = new Map();
      for (const entry of shown) {
        const key = groupOf(entry.event, mode);
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key).push(entry);
      }
      // The most recently active group first.
      const ordered = [...byKey.entries()].sort(([, a], [, b]) => b[b.length - 1].seq - a[a.length - 1].seq);
      if (ordered.length === 1) openGroups.add(ordered[0][0]);
      for (const [key, entries] of ordered) {
        entries.sort(byTimeline);
        const group = makeGroup(key, entries);
        groups.set(key, group);
        list.append(group.node);
      }
    }
    updateFooter();
    window.scrollTo(window.scrollX, scroll);
  }

  /** Shows events that just arrived (already in the model). */
  function add(entries) {
    const f = filters();
    const fresh = entries.filter((entry) => matches(entry, f));
    if (fresh.length === 0) return updateFooter();
    matched += fresh.length;
    if (mode === 'events') {
      const rows = fresh.slice(-limit).reverse().map(row);
      list.prepend(...rows);
      while (list.childElementCount > limit) list.lastElementChild.remove();
    } else {
      fresh.forEach(addToGroup);
    }
    updateFooter();
  }

  return {
    rebuild,
    add,
    setMode(next) {
      mode = next;
      limit = PAGE;
      rebuild();
    },
    get mode() {
      return mode;
    },
    duplicate: (insertId) => markDuplicate(root, insertId, model.duplicates.get(insertId) ?? 0),
  };
}
