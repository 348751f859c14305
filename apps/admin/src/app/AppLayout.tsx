import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { describeError } from '../api/problem';
import { notifications } from '@mantine/notifications';
import { useCurrentUser, useLogout } from '../features/auth/hooks/useSession';
import { ROLE_LABELS } from '../features/auth/roles';
import { AlertsBell } from '../features/monitoring/components/AlertsBell';
import { ReviewQueueBadge } from '../features/screening/components/ReviewQueueBadge';
import { REVIEW_ROLES } from '../features/screening/labels';
import { isInSection, navFor } from './navigation';
import { Logo } from './Logo';

/** The frame around every signed-in page: header with who is signed in, role-aware navigation. */
export function AppLayout() {
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const logout = useLogout();
  const { pathname } = useLocation();
  // A new page opens at its top (a saved patient, a submitted screening), not at the old scroll position.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [pathname]);

  const signOut = () =>
    logout.mutate(undefined, {
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Sign-out did not complete',
          message: `${describeError(error)} Try again before leaving the desk.`,
        }),
    });

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
      styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Logo />
          </Group>
          <Group gap="md" wrap="nowrap">
            <AlertsBell />
            <Stack gap={2} align="flex-end" visibleFrom="xs">
              <Text fw={600} size="sm" lh={1.2} data-testid="current-user">
                {user.displayName}
              </Text>
              <Group gap={4}>
                {user.roles.map((role) => (
                  <Badge key={role} size="xs" variant="light">
                    {ROLE_LABELS[role]}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button variant="default" size="sm" onClick={signOut} loading={logout.isPending}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main">
        <Stack gap={4}>
          {navFor(user).map((item) => {
            // Highlighted by section, not by exact path, so a patient's screening still shows Patients.
            const current = isInSection(item, pathname);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                active={current}
                aria-current={current ? 'page' : undefined}
                label={item.label}
                rightSection={
                  item.to === '/review-queue' && user.roles.some((r) => REVIEW_ROLES.includes(r)) ? (
                    <ReviewQueueBadge />
                  ) : undefined
                }
                onClick={close}
                styles={{ label: { fontSize: 'var(--mantine-font-size-md)' } }}
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
