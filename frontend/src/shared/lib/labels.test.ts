import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { groupedRoleOptions, roleName, timeZones } from './labels';

const t = i18n.getFixedT('id');

describe('role labels', () => {
  it('translates built-in roles and keeps custom role names as typed', () => {
    expect(roleName(t, { id: 'community_manager', name: 'Community manager', description: '', group: 'core', builtIn: true })).toBe('Manajer komunitas');
    expect(roleName(t, { id: '0193', name: 'TikTok Live host', description: '', group: 'core', builtIn: false })).toBe('TikTok Live host');
  });

  it('groups roles as the team, collaborators and outsiders, skipping empty groups', () => {
    const groups = groupedRoleOptions(t, [
      { id: 'freelancer', name: 'Freelancer', description: '', group: 'external', builtIn: true },
      { id: 'content_creator', name: 'Content creator', description: '', group: 'core', builtIn: true },
    ]);
    expect(groups.map((g) => g.group)).toEqual(['Tim media sosial', 'Di luar perusahaan']);
  });
});

describe('timeZones', () => {
  it('includes the zones asked for, once, sorted', () => {
    const zones = timeZones('Etc/UTC', 'Asia/Jakarta');
    expect(zones).toContain('Etc/UTC');
    expect(zones.filter((z) => z === 'Asia/Jakarta')).toHaveLength(1);
    expect([...zones].sort()).toEqual(zones);
  });
});
