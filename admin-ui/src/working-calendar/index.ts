import EventBusyIcon from '@mui/icons-material/EventBusy';
import TimerIcon from '@mui/icons-material/Timer';
import { lazyNamed } from '../common/lazyNamed.ts';

// Each screen is its own chunk, fetched when first visited.
const HolidayList = lazyNamed(() => import('./HolidayList.tsx'), 'HolidayList');
const HolidayCreate = lazyNamed(() => import('./HolidayCreate.tsx'), 'HolidayCreate');
const HolidayEdit = lazyNamed(() => import('./HolidayEdit.tsx'), 'HolidayEdit');
const StageTargetList = lazyNamed(() => import('./StageTargetList.tsx'), 'StageTargetList');

export const holidays = {
  list: HolidayList,
  create: HolidayCreate,
  edit: HolidayEdit,
  icon: EventBusyIcon,
  recordRepresentation: 'nameFa',
};

export const stageTargets = { list: StageTargetList, icon: TimerIcon };
