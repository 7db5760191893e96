import type { TFunction } from 'i18next';
import type { GuideEntry } from '../../shared/api/styleguide';

export interface Summary {
  /** line is what the entry says, in one line. */
  line: string;
  details: string[];
  /** color is a swatch to show beside brand colours. */
  color?: string;
}

/**
 * summarize says an entry in the window's words: names of networks,
 * channels and campaigns come from the lookups, values from the locale.
 */
export function summarize(e: GuideEntry, t: TFunction, name: (kind: 'network' | 'channel' | 'campaign', id: string) => string): Summary {
  const list = (xs: string[] | undefined) => (xs ?? []).join(', ');
  const details: string[] = [];
  switch (e.section) {
    case 'names':
    case 'terms':
      return { line: e.variants?.length ? `${e.text} (${t('styleguide.summary.not', { list: list(e.variants) })})` : e.text, details };
    case 'tone': {
      const scope = e.network ? name('network', e.network) : t('styleguide.fields.overall');
      if (e.guidance) details.push(e.guidance);
      for (const g of e.good ?? []) details.push(`✓ ${g}`);
      for (const b of e.bad ?? []) details.push(`✗ ${b}`);
      return { line: `${scope}: ${t(`styleguide.values.tone.${e.tone}`)}`, details };
    }
    case 'rating':
      return { line: `${e.channelId ? name('channel', e.channelId) : t('styleguide.fields.wholeWorkspace')}: ${e.rating}`, details };
    case 'branding':
      if (e.kind === 'logo') {
        return { line: `${t('styleguide.values.marker.logo')}: ${e.fileName}${e.fileState === 'pending' ? ` (${t('styleguide.fields.logoPending')})` : ''}`, details };
      }
      return { line: `${t(`styleguide.values.marker.${e.kind}`)}: ${e.text}${e.kind === 'colour' ? ` ${e.color}` : ''}`, details, color: e.kind === 'colour' ? e.color : undefined };
    case 'hashtags':
      if (e.kind === 'limit') return { line: t('styleguide.summary.hashtagLimit', { max: e.max, network: name('network', e.network) }), details };
      if (e.channelId) details.push(`${t('styleguide.fields.onlyChannel')}: ${name('channel', e.channelId)}`);
      if (e.campaignId) details.push(`${t('styleguide.fields.onlyCampaign')}: ${name('campaign', e.campaignId)}`);
      if (e.reason) details.push(`${t('styleguide.fields.reason')}: ${e.reason}`);
      return { line: `${t(`styleguide.values.hashtag.${e.kind}`)}: ${e.text}`, details };
    case 'banned':
      if (e.reason) details.push(`${t('styleguide.fields.reason')}: ${e.reason}`);
      details.push(t(`styleguide.values.severity.${e.severity}`));
      return { line: e.replacement ? `${e.text} → ${t('styleguide.summary.instead', { text: e.replacement })}` : e.text, details };
    case 'emoji': {
      const scope = e.network ? name('network', e.network) : t('styleguide.fields.everyNetwork');
      const policy = e.mode === 'max' ? t('styleguide.summary.emojiMax', { max: e.max }) : t(`styleguide.values.emoji.${e.mode}`);
      return { line: `${scope}: ${policy}`, details };
    }
    case 'disclosures':
      return { line: `${t(`styleguide.values.label.${e.label}`)}: ${t('styleguide.summary.oneOf', { list: list(e.variants) })}`, details };
    case 'usage':
      return { line: `${t(`styleguide.values.usage.${e.kind}`)}: ${e.text}`, details };
  }
  return { line: e.text, details };
}
