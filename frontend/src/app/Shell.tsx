import { AppShell, Burger, Group, Kbd, NavLink, ScrollArea, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { markEnd, markStart, PERF } from '../shared/lib/perf';
import { useSearch } from '../shared/api/calendar';
import { Spotlight, spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconArrowsExchange, IconBook, IconBroadcast, IconNotebook, IconRoute, IconCalendar, IconChecklist, IconCalendarShare, IconFileSpreadsheet, IconFileText, IconHeartbeat, IconTemplate, IconTimeline, IconLanguage, IconLayoutKanban, IconPlus, IconListCheck, IconMessages, IconSearch, IconSettings, IconSunMoon, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { WorkspaceInfo } from '../shared/api/workspace';
import { useLanguageAndTheme } from '../features/settings/useLanguageAndTheme';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TeamPage } from '../features/team/TeamPage';
import { SyncPage } from '../features/sync/SyncPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { YearPage } from '../features/calendar/YearPage';
import { ChannelsPage } from '../features/calendar/ChannelsPage';
import { ImportExportPage } from '../features/files/ImportExportPage';
import { FeedsPage } from '../features/feeds/FeedsPage';
import { TemplatesPage } from '../features/templates/TemplatesPage';
import { useTemplateActions } from '../features/templates/usePaletteActions';
import { TasksPage } from '../features/tasks/TasksPage';
import { MyWorkPage } from '../features/tasks/MyWorkPage';
import { StyleGuidePage } from '../features/styleguide/StyleGuidePage';
import { HealthPage } from '../features/health/HealthPage';
import { HealthBadge } from '../features/health/HealthBadge';
import { useHandoverNotices } from '../shared/api/teamhealth';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { MeetingView } from '../features/meetings/MeetingView';
import { PlansPage } from '../features/playbooks/PlansPage';
import { PlaybooksPage } from '../features/playbooks/PlaybooksPage';
import { WhoAreYou } from './WhoAreYou';

/** A place in the sidebar. */
type Section = { path: string; label: string; icon: typeof IconCalendar };

/**
 * Sections in the sidebar, in groups with a heading each, so fifteen places
 * read as four kinds of work. Later features add theirs to a group here.
 */
const groups = [
  {
    heading: 'nav.groups.planning',
    sections: [
      { path: '/my-work', label: 'nav.myWork', icon: IconListCheck },
      { path: '/calendar', label: 'nav.calendar', icon: IconCalendar },
      { path: '/tasks', label: 'nav.tasks', icon: IconLayoutKanban },
      { path: '/year', label: 'nav.year', icon: IconTimeline },
      { path: '/channels', label: 'nav.channels', icon: IconBroadcast },
    ],
  },
  {
    heading: 'nav.groups.guides',
    sections: [
      { path: '/styleguide', label: 'nav.styleguide', icon: IconBook },
      { path: '/templates', label: 'nav.templates', icon: IconTemplate },
      { path: '/plans', label: 'nav.plans', icon: IconRoute },
      { path: '/playbooks', label: 'nav.playbooks', icon: IconNotebook },
    ],
  },
  {
    heading: 'nav.groups.people',
    sections: [
      { path: '/team', label: 'nav.team', icon: IconUsers },
      { path: '/health', label: 'nav.health', icon: IconHeartbeat },
      { path: '/meetings', label: 'nav.meetings', icon: IconMessages },
    ],
  },
  {
    heading: 'nav.groups.sharing',
    sections: [
      { path: '/sync', label: 'nav.sync', icon: IconArrowsExchange },
      { path: '/feeds', label: 'nav.feeds', icon: IconCalendarShare },
      { path: '/settings', label: 'nav.settings', icon: IconSettings },
    ],
  },
] as const;

/** Every section, in sidebar order (the command palette lists them too). */
const sections: readonly Section[] = groups.flatMap((g): readonly Section[] => g.sections);

/** newTaskParams adds new=1 to the address's query, keeping the filters. */
function newTaskParams(search: string): string {
  const p = new URLSearchParams(search);
  p.set('new', '1');
  return p.toString();
}

export function Shell({ info, startOnCalendar = false }: { info: WorkspaceInfo; startOnCalendar?: boolean }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const location = useLocation();
  const { language, setLanguage, toggleTheme } = useLanguageAndTheme(info);
  const [query, setQuery] = useState('');
  // Search answers in a couple of milliseconds, so every key asks at once
  // (no pause); the previous results stay on screen until the new ones come.
  const hits = useSearch(query);
  // Hand-overs (by anyone, or automatic) always show as a notification.
  useHandoverNotices();
  // The search's figure: from the last key typed to its results on screen.
  useEffect(() => {
    if (hits.data && !hits.isPlaceholderData) markEnd(PERF.search);
  }, [hits.data, hits.isPlaceholderData]);

  useHotkeys([
    ['mod+1', () => navigate('/calendar')],
    ['mod+2', () => navigate('/team')],
    ['mod+3', () => navigate('/sync')],
    ['mod+4', () => navigate('/year')],
    ['mod+5', () => navigate('/styleguide')],
    ['mod+comma', () => navigate('/settings')],
    // Alt+T: a new task from anywhere (Alt+N is a new post on the calendar);
    // on the tasks page the filters stay.
    ['alt+t', () => navigate(location.pathname === '/tasks' ? `/tasks?${newTaskParams(location.search)}` : '/tasks?new=1')],
  ]);

  // Posts found by full-text search; their words need not be in the label,
  // so the query rides along as a keyword for the palette's own filter.
  const postActions: SpotlightActionData[] = (query.trim().length >= 2 ? hits.data ?? [] : []).map((h) => ({
    id: `post-${h.post.id}`,
    label: h.post.title,
    description: h.snippet,
    keywords: [query],
    leftSection: <IconFileText size={18} />,
    onClick: () => navigate(`/calendar?post=${h.post.id}`),
  }));
  const templateActions = useTemplateActions();
  const actions: SpotlightActionData[] = [
    ...postActions,
    ...templateActions,
    ...sections.map((s) => ({
      id: `go-${s.path}`,
      label: t(s.label),
      leftSection: <s.icon size={18} />,
      onClick: () => navigate(s.path),
    })),
    {
      id: 'awaiting-approval',
      label: t('calendar.awaiting'),
      description: t('calendar.awaitingHint'),
      leftSection: <IconChecklist size={18} />,
      onClick: () => navigate('/calendar?queue=approval'),
    },
    {
      id: 'new-task',
      label: t('tasks.new'),
      leftSection: <IconPlus size={18} />,
      onClick: () => navigate('/tasks?new=1'),
    },
    {
      id: 'add-member',
      label: t('team.add'),
      leftSection: <IconUserPlus size={18} />,
      onClick: () => navigate('/team?add=1'),
    },
    {
      id: 'import-export',
      label: t('csv.title'),
      leftSection: <IconFileSpreadsheet size={18} />,
      onClick: () => navigate('/import-export'),
    },
    {
      id: 'language',
      label: `${t('settings.language')}: ${t(language === 'en' ? 'languages.id' : 'languages.en')}`,
      leftSection: <IconLanguage size={18} />,
      onClick: () => void setLanguage(language === 'en' ? 'id' : 'en'),
    },
    {
      id: 'theme',
      label: t('settings.theme'),
      leftSection: <IconSunMoon size={18} />,
      onClick: () => void toggleTheme(),
    },
  ];

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.openMenu')} />
            <Title order={3}>{t('app.name')}</Title>
            <Text c="dimmed" size="sm" data-testid="workspace-name">
              {info.name}
            </Text>
          </Group>
          <UnstyledButton onClick={() => spotlight.open()} aria-label={t('palette.open')} title={t('palette.open')}>
            <Group gap={6}>
              <IconSearch size={16} />
              <Kbd size="xs">Ctrl</Kbd>
              <Kbd size="xs">K</Kbd>
            </Group>
          </UnstyledButton>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        {/* On a short window the list scrolls, so Settings is never out of reach. */}
        <AppShell.Section grow component={ScrollArea}>
          {groups.map((g) => (
            <div key={g.heading} role="group" aria-label={t(g.heading)}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt={6} pb={2} aria-hidden>
                {t(g.heading)}
              </Text>
              {g.sections.map((s) => (
                <NavLink
                  key={s.path}
                  label={t(s.label)}
                  leftSection={<s.icon size={18} />}
                  rightSection={s.path === '/health' ? <HealthBadge /> : undefined}
                  active={location.pathname.startsWith(s.path)}
                  onClick={() => {
                    navigate(s.path);
                    close();
                  }}
                />
              ))}
            </div>
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          {/* Once this computer's member is known, the day starts with their work. */}
          <Route path="/" element={<Navigate to={info.me && !startOnCalendar ? '/my-work' : '/calendar'} replace />} />
          <Route path="/my-work" element={<MyWorkPage me={info.me} />} />
          <Route path="/tasks" element={<TasksPage />} />
          <Route path="/calendar" element={<CalendarPage keeperId={info.keeperId} />} />
          <Route path="/year" element={<YearPage />} />
          <Route path="/channels" element={<ChannelsPage />} />
          <Route path="/team" element={<TeamPage me={info.me} />} />
          <Route path="/health" element={<HealthPage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/meetings/:id" element={<MeetingView />} />
          <Route path="/sync" element={<SyncPage />} />
          <Route path="/feeds" element={<FeedsPage language={info.language} />} />
          <Route path="/plans" element={<PlansPage language={info.language} />} />
          <Route path="/playbooks" element={<PlaybooksPage language={info.language} />} />
          <Route path="/templates" element={<TemplatesPage language={info.language} />} />
          <Route path="/settings" element={<SettingsPage info={info} />} />
          <Route path="/import-export" element={<ImportExportPage />} />
          <Route path="/styleguide" element={<StyleGuidePage language={info.language} />} />
          <Route path="*" element={<Navigate to="/calendar" replace />} />
        </Routes>
      </AppShell.Main>
      <WhoAreYou info={info} />
      <Spotlight
        actions={actions}
        query={query}
        onQueryChange={(q) => {
          if (q.trim().length >= 2) markStart(PERF.search);
          setQuery(q);
        }}
        shortcut={['mod + K']}
        // Ctrl+K works while writing a post too: the palette inserts snippets
        // and hashtag groups at the cursor.
        tagsToIgnore={[]}
        nothingFound={t('palette.nothing')}
        searchProps={{ placeholder: t('palette.placeholder') }}
        highlightQuery
        limit={12}
      />
    </AppShell>
  );
}
