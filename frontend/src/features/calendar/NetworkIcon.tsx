import {
  IconBrandBluesky,
  IconBrandFacebook,
  IconBrandInstagram,
  IconBrandLinkedin,
  IconBrandMastodon,
  IconBrandPinterest,
  IconBrandThreads,
  IconBrandTiktok,
  IconBrandX,
  IconBrandYoutube,
  IconWorld,
} from '@tabler/icons-react';

const icons: Record<string, typeof IconWorld> = {
  instagram: IconBrandInstagram,
  facebook: IconBrandFacebook,
  x: IconBrandX,
  linkedin: IconBrandLinkedin,
  tiktok: IconBrandTiktok,
  youtube: IconBrandYoutube,
  threads: IconBrandThreads,
  pinterest: IconBrandPinterest,
  bluesky: IconBrandBluesky,
  mastodon: IconBrandMastodon,
};

/** NetworkIcon is a social network's logo (a globe for others), named for screen readers. */
export function NetworkIcon({ network, label, size = 14 }: { network: string; label: string; size?: number }) {
  const Icon = icons[network] ?? IconWorld;
  return <Icon size={size} stroke={1.8} aria-label={label} role="img" style={{ flexShrink: 0 }} />;
}
