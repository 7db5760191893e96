// Typed adapter over the generated style guide bindings. Components use
// these hooks and functions, never the generated code.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Guide from '../../../wailsjs/go/api/StyleGuide';
import { styleguide } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type GuideEntry = styleguide.Entry;
export type StyleGuide = styleguide.Guide;
export type GuideImportResult = styleguide.ImportResult;
export type GuideSectionChanges = styleguide.SectionChanges;

/** The sections of a style guide, in the order the backend shows them. */
export const SECTIONS = ['names', 'terms', 'tone', 'rating', 'branding', 'hashtags', 'banned', 'emoji', 'disclosures', 'usage'] as const;
export type Section = (typeof SECTIONS)[number];

export const TONES = ['formal', 'casual', 'friendly', 'funny', 'technical'] as const;
export const RATINGS = ['G', 'PG', 'PG-13'] as const;
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const EMOJI_MODES = ['allowed', 'max', 'none'] as const;
export const LABELS = ['paid', 'partnership'] as const;
export const MARKER_KINDS = ['watermark', 'border', 'signature', 'colour'] as const;
export const HASHTAG_KINDS = ['required', 'banned', 'limit'] as const;
export const USAGE_KINDS = ['professional', 'personal'] as const;
export const EXPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const guideKeys = {
  all: ['styleguide'] as const,
  show: ['styleguide', 'show'] as const,
};

/** emptyEntry is a new entry of a section, with the defaults the form starts from. */
export function emptyEntry(section: Section): GuideEntry {
  return styleguide.Entry.createFrom({
    id: '',
    section,
    kind: section === 'branding' ? 'watermark' : section === 'hashtags' ? 'required' : section === 'usage' ? 'professional' : '',
    text: '',
    variants: [],
    network: '',
    channelId: '',
    campaignId: '',
    tone: section === 'tone' ? 'friendly' : '',
    guidance: '',
    good: [],
    bad: [],
    rating: section === 'rating' ? 'PG' : '',
    reason: '',
    replacement: '',
    severity: section === 'banned' ? 'warning' : '',
    mode: section === 'emoji' ? 'allowed' : '',
    max: 0,
    color: section === 'branding' ? '#000000' : '',
    label: section === 'disclosures' ? 'paid' : '',
    sha256: '',
    fileName: '',
    size: 0,
    mime: '',
    example: false,
  });
}

export function useStyleGuide() {
  return useQuery({ queryKey: guideKeys.show, queryFn: () => call(() => Guide.Show()) });
}

function useGuideMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: guideKeys.all }) });
}

export function useSaveEntry() {
  return useGuideMutation((e: GuideEntry) => call(() => Guide.Save(styleguide.Entry.createFrom(e))));
}

export function useRemoveEntry() {
  return useGuideMutation((id: string) => call(() => Guide.Remove(id)));
}

export function useClearExample() {
  return useGuideMutation(() => call(() => Guide.ClearExample()));
}

export function useAddLogo() {
  return useGuideMutation(({ name, content }: { name: string; content: string }) => call(() => Guide.AddLogo(name, content)));
}

export const logoContent = (id: string) => call(() => Guide.LogoContent(id));

/** exportGuide writes style-guide.<format> into folder and returns its path. */
export const exportGuide = (format: ExportFormat, lang: string, folder: string) => call(() => Guide.ExportToFolder(format, lang, folder));

/** previewImport says what importing the JSON file at path would change, writing nothing. */
export const previewImport = (path: string) => call(() => Guide.Import(path, true));

export function useImportGuide() {
  return useGuideMutation((path: string) => call(() => Guide.Import(path, false)));
}
