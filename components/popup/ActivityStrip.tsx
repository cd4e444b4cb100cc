import type { TimelineEntry } from '../../lib/store/page-timeline';

/**
 * When the page changed and by how much: one bar per version along a time
 * axis, its height by words changed (square root, so small edits still show).
 */
export function ActivityStrip({ timeline, label }: { timeline: readonly TimelineEntry[]; label: string }) {
  const width = 320;
  const height = 28;
  if (timeline.length === 0) return null;
  const times = timeline.map((entry) => entry.time);
  const start = Math.min(...times);
  const span = Math.max(Math.max(...times) - start, 1);
  const most = Math.max(1, ...timeline.map((entry) => Math.sqrt(entry.addedWords + entry.removedWords)));
  return (
    <svg class="activity" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} class="axis" />
      {timeline.map((entry) => {
        const x = 2 + ((entry.time - start) / span) * (width - 4);
        const h = 3 + (Math.sqrt(entry.addedWords + entry.removedWords) / most) * (height - 5);
        return <rect key={entry.versionId} x={x - 1.5} y={height - 1 - h} width="3" height={h} class={entry.source === 'visit' ? 'bar' : `bar ${entry.source}`} />;
      })}
    </svg>
  );
}
