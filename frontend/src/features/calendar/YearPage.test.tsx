import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';

vi.mock('../../shared/api/workspace', () => ({ useWorkspaceInfo: () => ({ data: { timeZone: 'Asia/Jakarta' } }) }));
vi.mock('../../shared/api/calendar', () => ({
  useCampaigns: () => ({ data: [] }),
  usePosts: () => ({ data: [] }),
}));

const { YearPage } = await import('./YearPage');

describe('YearPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it("opens on the workspace's year and marks its today, not this computer's", async () => {
    await i18n.changeLanguage('en');
    // 20:00 UTC on 31 December 2026 is already 1 January 2027 in Jakarta (the
    // workspace's zone), still 31 December on a computer in New York.
    vi.stubEnv('TZ', 'America/New_York');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2026, 11, 31, 20, 0)));
    render(
      <MantineProvider>
        <MemoryRouter>
          <YearPage />
        </MemoryRouter>
      </MantineProvider>,
    );
    expect(screen.getByTestId('year').textContent).toBe('2027');
    const today = screen.getByLabelText('Today');
    expect(today.style.left).toBe('0%');
  });
});
