// Typed adapter over the generated bindings of calendar files: published
// feeds and imported calendar layers.
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventInput } from '@fullcalendar/core';
import * as Feeds from '../../../wailsjs/go/api/Feeds';
import * as Layers from '../../../wailsjs/go/api/Layers';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { feeds, layers } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type Feed = feeds.Feed;
export type PublishReport = feeds.Report;
export type Layer = layers.Layer;
export type LayerOccurrence = layers.Occurrence;
export type ImportResult = layers.ImportResult;

/** FeedInput is what a feed holds (feeds.Selection in Go). */
export interface FeedInput {
  name: string;
  memberId: string;
  channelId: string;
  network: string;
  campaignId: string;
  statuses: string[];
  from: string;
  to: string;
  private: boolean;
  campaigns: boolean;
  language: string;
}

/** The event the backend sends after a publish wrote, removed or failed (feeds.PublishedEvent). */
export const FEEDS_PUBLISHED = 'feeds:published';

export const feedKeys = {
  all: ['feeds'] as const,
  list: ['feeds', 'list'] as const,
  folder: ['feeds', 'folder'] as const,
  targets: ['feeds', 'targets'] as const,
  layers: ['layers'] as const,
  layerList: ['layers', 'list'] as const,
  layerEvents: (from: string, to: string) => ['layers', 'events', from, to] as const,
};

export function useFeeds() {
  return useQuery({ queryKey: feedKeys.list, queryFn: () => call(() => Feeds.List()) });
}

export function useFeedsFolder() {
  return useQuery({ queryKey: feedKeys.folder, queryFn: () => call(() => Feeds.Folder()) });
}

export function useFeedTargets() {
  return useQuery({ queryKey: feedKeys.targets, queryFn: () => call(() => Feeds.Targets()) });
}

function useFeedsDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: feedKeys.all });
}

const selection = (f: FeedInput) => feeds.Selection.createFrom(f);

export function useAddFeed() {
  const done = useFeedsDone();
  return useMutation({ mutationFn: (f: FeedInput) => call(() => Feeds.Add(selection(f))), onSuccess: done });
}

export function useUpdateFeed() {
  const done = useFeedsDone();
  return useMutation({ mutationFn: ({ id, input }: { id: string; input: FeedInput }) => call(() => Feeds.Update(id, selection(input))), onSuccess: done });
}

export function useDeleteFeed() {
  const done = useFeedsDone();
  return useMutation({ mutationFn: (id: string) => call(() => Feeds.Delete(id)), onSuccess: done });
}

export function useSetFeedsFolder() {
  const done = useFeedsDone();
  return useMutation({ mutationFn: (dir: string) => call(() => Feeds.SetFolder(dir)), onSuccess: done });
}

export function usePublishFeeds() {
  const done = useFeedsDone();
  return useMutation({ mutationFn: () => call(() => Feeds.Publish()), onSuccess: done });
}

/** useLastPublish follows the background publisher's latest outcome. */
export function useLastPublish(): PublishReport | null {
  const [last, setLast] = useState<PublishReport | null>(null);
  useEffect(() => {
    void call(() => Feeds.LastPublish()).then((r) => setLast(r.at ? r : null), () => undefined);
    return EventsOn(FEEDS_PUBLISHED, (r: PublishReport) => setLast(r));
  }, []);
  return last;
}

/** toFeedInput turns a stored feed into the form's input. */
export function toFeedInput(f: Feed): FeedInput {
  return {
    name: f.name,
    memberId: f.memberId,
    channelId: f.channelId,
    network: f.network,
    campaignId: f.campaignId,
    statuses: [...(f.statuses ?? [])],
    from: f.from,
    to: f.to,
    private: f.private,
    campaigns: f.campaigns,
    language: f.language,
  };
}

export function useLayers() {
  return useQuery({ queryKey: feedKeys.layerList, queryFn: () => call(() => Layers.List()) });
}

function useLayersDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: feedKeys.layers });
}

export function useImportLayer() {
  const done = useLayersDone();
  return useMutation({
    mutationFn: ({ name, fileName, content }: { name: string; fileName: string; content: string }) => call(() => Layers.Import(name, fileName, content)),
    onSuccess: done,
  });
}

export function useSetLayerVisible() {
  const done = useLayersDone();
  return useMutation({ mutationFn: ({ id, visible }: { id: string; visible: boolean }) => call(() => Layers.SetVisible(id, visible)), onSuccess: done });
}

export function useDeleteLayer() {
  const done = useLayersDone();
  return useMutation({ mutationFn: (id: string) => call(() => Layers.Delete(id)), onSuccess: done });
}

/**
 * useLayerEvents gives the calendar the shown layers' events for the
 * visible range, read-only (stable while nothing changed, so the calendar
 * does not redraw for nothing). They join the posts' events rather than
 * coming as a second event source: FullCalendar lost the posts when both
 * changed at once on a switch of view.
 */
export function useLayerEvents(range: { from: string; to: string } | null): EventInput[] {
  const events = useQuery({
    queryKey: feedKeys.layerEvents(range?.from ?? '', range?.to ?? ''),
    queryFn: () => call(() => Layers.Events(range!.from, range!.to)),
    enabled: !!range,
  });
  return useMemo(
    () =>
      (events.data ?? []).map((o) => ({
        id: `layer:${o.id}`,
        // Titles are text: FullCalendar renders them with textContent.
        title: o.title,
        start: o.start,
        end: o.end,
        allDay: o.allDay,
        editable: false,
        backgroundColor: o.color,
        borderColor: o.color,
        classNames: ['layer-event'],
        extendedProps: { kind: 'layer', layerId: o.layerId },
      })),
    [events.data],
  );
}
