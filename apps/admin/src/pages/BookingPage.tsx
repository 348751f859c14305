import { useSearchParams } from 'react-router';
import { BookingWizard } from '../features/booking/components/BookingWizard';
import { PageHeader } from '../shared/PageHeader';

export function BookingPage() {
  const [params] = useSearchParams();
  const booster = !!params.get('patient') && !!params.get('boosterOf');
  return (
    <>
      <PageHeader
        title={booster ? 'Book a booster' : 'Book a course'}
        description={
          booster
            ? 'A booster is searched and booked as a course is, after every pre-booster check.'
            : 'Every session of the course is booked at once, or none is.'
        }
      />
      <BookingWizard />
    </>
  );
}
