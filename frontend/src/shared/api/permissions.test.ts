import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions';

const roles = [
  { id: 'social_media_manager', permissions: ['approve_posts', 'manage_team', 'edit_style_guide'] },
  { id: 'content_creator', permissions: [] },
  { id: 'brand_manager', permissions: ['approve_posts', 'edit_style_guide'] },
];

describe('permissionsOf', () => {
  it('gives a member what any of their roles allows, and nothing to a stranger', () => {
    const members = [
      { id: 'ana', roles: ['content_creator'] },
      { id: 'budi', roles: ['content_creator', 'brand_manager'] },
    ];
    expect(permissionsOf('ana', members, roles).has('approve_posts')).toBe(false);
    expect([...permissionsOf('budi', members, roles)].sort()).toEqual(['approve_posts', 'edit_style_guide']);
    expect(permissionsOf('nobody', members, roles).size).toBe(0);
  });
});
