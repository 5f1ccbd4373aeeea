import { Divider } from '@mui/material';
import { Show, TabbedShowLayout, useCanAccess } from 'react-admin';
import { AuditTimeline } from '../audit-events/index.ts';
import { DocumentsPanel } from '../documents/DocumentsPanel.tsx';
import { ActionBar } from './ActionBar.tsx';
import { CancellationSection } from './cancellation/CancellationSection.tsx';
import { PersonalDetails } from './PersonalDetails.tsx';
import { RequestHeader } from './RequestHeader.tsx';
import { RequestTitle } from './RequestTitle.tsx';
import { Timeline } from './Timeline.tsx';
import { WelfareSection } from './welfare/WelfareSection.tsx';

export const RequestShow = () => {
  const { canAccess: canReadDocuments } = useCanAccess({ action: 'list', resource: 'documents' });
  const { canAccess: canReadAudit } = useCanAccess({ action: 'list', resource: 'audit-events' });
  return (
    <Show title={<RequestTitle />} actions={false} sx={{ '& .RaShow-card': { p: 2 } }}>
      <RequestHeader />
      <ActionBar />
      <Divider sx={{ mt: 1 }} />
      <TabbedShowLayout sx={{ p: 0 }}>
        <TabbedShowLayout.Tab label="requests.tabs.details">
          <PersonalDetails />
        </TabbedShowLayout.Tab>
        {canReadDocuments && (
          <TabbedShowLayout.Tab label="requests.tabs.documents" path="documents">
            <DocumentsPanel />
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
            <AuditTimeline />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
