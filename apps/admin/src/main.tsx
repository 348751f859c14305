import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { setSessionExpiredHandler } from './api/client';
import { queryClient } from './app/queryClient';
import { router } from './app/router';
import { theme } from './app/theme';
import { sessionKey } from './features/auth/hooks/useSession';

// When a session can no longer be renewed, forget everything loaded under it and sign in again.
setSessionExpiredHandler(() => {
  const { pathname, search } = router.state.location;
  queryClient.clear();
  queryClient.setQueryData(sessionKey, null);
  if (!pathname.startsWith('/login')) {
    void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
