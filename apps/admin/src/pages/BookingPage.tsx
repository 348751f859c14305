import { BookingWizard } from '../features/booking/components/BookingWizard';
import { PageHeader } from '../shared/PageHeader';

export function BookingPage() {
  return (
    <>
      <PageHeader title="Book a course" description="Every session of the course is booked at once, or none is." />
      <BookingWizard />
    </>
  );
}
