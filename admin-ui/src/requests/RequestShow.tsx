import { Divider } from '@mui/material';
import { Show, TabbedShowLayout, useCanAccess } from 'react-admin';
import { LazyPart } from '../common/LazyPart.tsx';
import { lazyNamed } from '../common/lazyNamed.ts';
import { ActionBar } from './ActionBar.tsx';
import { AssignmentPanel } from './assignment/AssignmentPanel.tsx';
import { CancellationSection } from './cancellation/CancellationSection.tsx';
import { PersonalDetails } from './PersonalDetails.tsx';
import { RequestHeader } from './RequestHeader.tsx';
import { RequestTitle } from './RequestTitle.tsx';
import { Timeline } from './Timeline.tsx';
import { WelfareSection } from './welfare/WelfareSection.tsx';

// Tabs not everyone opens: their code comes when the tab is first shown.
const DocumentsPanel = lazyNamed(() => import('../documents/DocumentsPanel.tsx'), 'DocumentsPanel');
const AuditTimeline = lazyNamed(() => import('../audit-events/AuditTimeline.tsx'), 'AuditTimeline');

export const RequestShow = () => {
  const { canAccess: canReadDocuments } = useCanAccess({ action: 'list', resource: 'documents' });
  const { canAccess: canReadAudit } = useCanAccess({ action: 'list', resource: 'audit-events' });
  return (
    <Show title={<RequestTitle />} actions={false} sx={{ '& .RaShow-card': { p: 2 } }}>
      <RequestHeader />
      <AssignmentPanel />
      <ActionBar />
      <Divider sx={{ mt: 1 }} />
      <TabbedShowLayout sx={{ p: 0 }}>
        <TabbedShowLayout.Tab label="requests.tabs.details">
          <PersonalDetails />
        </TabbedShowLayout.Tab>
        {canReadDocuments && (
          <TabbedShowLayout.Tab label="requests.tabs.documents" path="documents">
            <LazyPart>
              <DocumentsPanel />
            </LazyPart>
          </TabbedShowLayout.Tab>
        )}
        <TabbedShowLayout.Tab label="requests.tabs.cancellation" path="cancellation">
          <CancellationSection />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="requests.tabs.welfare" path="welfare">
          <WelfareSection />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="requests.tabs.timeline" path="timeline">
          <Timeline />
        </TabbedShowLayout.Tab>
        {canReadAudit && (
          <TabbedShowLayout.Tab label="requests.tabs.audit" path="audit">
            <LazyPart>
              <AuditTimeline />
            </LazyPart>
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
