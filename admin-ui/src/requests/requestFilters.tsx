import { NullableBooleanInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { choicesOf, DEGREE_LEVELS, QUEUES, STAGES } from '../common/domain.ts';

const tickLabels = { trueLabel: 'requests.ticks.set', falseLabel: 'requests.ticks.unset' };

export const requestFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="stage" source="stage" choices={choicesOf(STAGES, 'stages')} />,
  <SelectInput key="queue" source="queue" choices={choicesOf(QUEUES, 'queues')} />,
  <NullableBooleanInput key="cancellationTick" source="cancellationTick" {...tickLabels} />,
  <NullableBooleanInput key="welfareTick" source="welfareTick" {...tickLabels} />,
  <SelectInput key="degreeLevel" source="degreeLevel" choices={choicesOf(DEGREE_LEVELS, 'degree_levels')} />,
  <TextInput key="faculty" source="faculty" />,
  <NullableBooleanInput
    key="overdue"
    source="overdue"
    trueLabel="requests.overdue.only"
    falseLabel="requests.overdue.none"
  />,
];
