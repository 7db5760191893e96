import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { FirstSteps } from './FirstSteps';

function renderSteps() {
  render(
    <MantineProvider>
      <MemoryRouter>
        <FirstSteps channels={0} members={1} />
      </MemoryRouter>
    </MantineProvider>,
  );
}

describe('FirstSteps', () => {
  beforeEach(async () => {
    localStorage.clear();
    await i18n.changeLanguage('en');
  });

  it('can be hidden, and stays hidden on this computer', () => {
    renderSteps();
    expect(screen.getByTestId('first-steps').textContent).toContain('Start here');
    fireEvent.click(screen.getByRole('button', { name: 'Hide these first steps' }));
    expect(screen.queryByTestId('first-steps')).toBeNull();
    // The window opens again later: still hidden.
    cleanup();
    renderSteps();
    expect(screen.queryByTestId('first-steps')).toBeNull();
  });

  it('says it in Bahasa Indonesia too', async () => {
    await i18n.changeLanguage('id');
    renderSteps();
    fireEvent.click(screen.getByRole('button', { name: 'Sembunyikan langkah awal ini' }));
    expect(screen.queryByTestId('first-steps')).toBeNull();
  });
});
