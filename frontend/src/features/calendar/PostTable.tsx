import { Badge, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers, useNetworks } from '../../shared/api/team';
import { useCampaigns, useChannels, type Post } from '../../shared/api/calendar';
import { statusColors } from './model';
import { NetworkIcon } from './NetworkIcon';
import { markEnd } from '../../shared/lib/perf';
import { useDates } from '../../shared/lib/datetime';

const ROW_HEIGHT = 44;
const COLUMNS = 'minmax(120px, 0.9fr) minmax(180px, 2fr) minmax(150px, 1.4fr) 150px minmax(100px, 1fr) minmax(110px, 1fr)';

/**
 * PostTable lists posts as a review queue: when, title, channels, status,
 * owner and campaign. Only the rows in sight are in the page (a busy month
 * has 2,000), so it opens and scrolls at once whatever the count.
 * measure names the performance measure its first paint after new posts ends.
 */
export function PostTable({
  posts,
  onOpen,
  empty,
  measure,
  height = 'calc(100vh - 330px)',
}: {
  posts: Post[];
  onOpen: (p: Post) => void;
  empty: string;
  measure?: string;
  height?: string;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const channels = useChannels();
  const members = useMembers();
  const campaigns = useCampaigns();
  const networks = useNetworks();
  const chans = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c])), [channels.data]);
  const people = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  const camps = useMemo(() => new Map((campaigns.data ?? []).map((c) => [c.id, c])), [campaigns.data]);
  const netNames = useMemo(() => new Map((networks.data ?? []).map((n) => [n.id, n.name])), [networks.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: posts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Rows show on the first paint, before the scroller has been measured.
    initialRect: { width: 1000, height: 600 },
  });
  useEffect(() => {
    if (measure) markEnd(measure);
  }, [posts, measure]);

  const header = ['when', 'title', 'channels', 'status', 'owner', 'campaign'];
  return (
    <div role="table" aria-rowcount={posts.length + 1} className="pd-table" data-testid="post-table">
      <div role="rowgroup">
        <div role="row" className="pd-table-row pd-table-head" style={{ gridTemplateColumns: COLUMNS }}>
          {header.map((h) => (
            <div role="columnheader" key={h}>
              {t(`calendar.column.${h}`)}
            </div>
          ))}
        </div>
      </div>
      {posts.length === 0 ? (
        <Text c="dimmed" size="sm" p="md">
          {empty}
        </Text>
      ) : (
        <div ref={scroller} role="rowgroup" style={{ height, minHeight: 240, overflowY: 'auto' }}>
          <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
            {rows.getVirtualItems().map((v) => {
              const p = posts[v.index];
              const camp = camps.get(p.campaignId);
              return (
                <div
                  role="row"
                  key={`${p.id}@${p.occurrence}`}
                  aria-rowindex={v.index + 2}
                  tabIndex={0}
                  className="pd-table-row"
                  style={{ gridTemplateColumns: COLUMNS, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  onClick={() => onOpen(p)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') onOpen(p);
                  }}
                >
                  <div role="cell">
                    <Text size="sm">{dates.day(p.date)}</Text>
                    <Text size="xs" c="dimmed">
                      {p.time ? dates.wallTime(p.time) : t('calendar.allDay')}
                    </Text>
                  </div>
                  <div role="cell" className="pd-clip" title={p.title}>
                    <CheckMark check={p.check} />
                    {p.seriesId || p.rrule ? `↻ ${p.title}` : p.title}
                  </div>
                  <div role="cell">
                    <Group gap={6} wrap="nowrap" className="pd-clip">
                      {p.channels.map((id) => {
                        const c = chans.get(id);
                        if (!c) return null;
                        const name = `${netNames.get(c.network) ?? c.network} ${c.handle}`;
                        return (
                          <Group gap={2} wrap="nowrap" key={id} title={name}>
                            <NetworkIcon network={c.network} label={netNames.get(c.network) ?? c.network} />
                            <Text size="xs">{c.handle}</Text>
                          </Group>
                        );
                      })}
                    </Group>
                  </div>
                  <div role="cell">
                    <Badge color={statusColors[p.status]} variant="light" size="sm">
                      {t(`status.${p.status}`)}
                    </Badge>
                  </div>
                  <div role="cell" className="pd-clip">
                    {people.get(p.ownerId) ?? ''}
                  </div>
                  <div role="cell" className="pd-clip">
                    {camp && (
                      <Group gap={4} wrap="nowrap">
                        <span className="pd-dot" style={{ background: camp.color || '#d0bfff' }} />
                        <span className="pd-clip">{camp.name}</span>
                      </Group>
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

/**
 * CheckMark is the small dot a post carries in lists when the style guide
 * finds an error (red) or a warning (orange) in one of its texts; its name
 * says which, for screen readers and on hover.
 */
export function CheckMark({ check }: { check?: string }) {
  const { t } = useTranslation();
  if (check !== 'error' && check !== 'warning') return null;
  const label = t(check === 'error' ? 'calendar.markError' : 'calendar.markWarning');
  return <span role="img" aria-label={label} title={label} className={`pd-mark pd-mark-${check}`} data-check={check} />;
}
