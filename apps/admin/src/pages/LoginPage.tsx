import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Logo } from '../app/Logo';
import { homeFor } from '../app/navigation';
import type { SessionUser } from '../api/types';
import { LoginForm } from '../features/auth/components/LoginForm';
import { useSession } from '../features/auth/hooks/useSession';
import { CenteredLoader } from '../shared/CenteredLoader';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  const goOn = (user: SessionUser) => navigate(next ?? homeFor(user), { replace: true });

  if (session.isPending) return <CenteredLoader label="Checking your session" />;
  if (session.data) return <Navigate to={next ?? homeFor(session.data)} replace />;

  return (
    <Box mih="100vh" bg="gray.0">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <Logo size={36} />
          </Center>
          <Paper withBorder shadow="xs" radius="lg" p={36}>
            <Title order={1} size="h3" mb={4}>
              Sign in
            </Title>
            <Text c="dimmed" size="sm" mb="lg">
              Use your clinic account.
            </Text>
            <LoginForm onSignedIn={goOn} />
          </Paper>
          <Text c="dimmed" size="xs" ta="center">
            Patient information is confidential. Sign out when you leave the desk.
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
