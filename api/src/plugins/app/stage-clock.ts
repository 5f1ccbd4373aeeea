import fp from 'fastify-plugin';
import { loadStageCalendar, type StageCalendar } from '../../routes/working-calendar/working-calendar.repository.ts';
import type { StageClock } from '../../workflow/stage-targets.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The working calendar and stage targets, with the moment to judge at: what time-in-stage flags need. */
    stageClock(now?: number): Promise<StageClock>;
    /** Forget the kept calendar: called once a change to holidays, the week or the targets has committed. */
    forgetStageCalendar(): void;
  }
}

/** How long a calendar read from the database is used before it is read again (changes made elsewhere: by hand, by another process). */
const KEEP_MS = 60_000;

/**
 * Every list and request page flags time in stage, and the calendar behind the flags changes a few times a
 * year: it is read once and kept, so that those reads cost no statement, until this app changes it (or a
 * minute has passed). A read that began before a change is not kept after it.
 */
export default fp(
  async (app) => {
    let kept: { calendar: StageCalendar; at: number } | undefined;
    let generation = 0;
    app.decorate('stageClock', async (now = Date.now()) => {
      if (!kept || Date.now() - kept.at > KEEP_MS) {
        const started = generation;
        const at = Date.now();
        const calendar = await loadStageCalendar(app.db);
        if (started === generation) kept = { calendar, at };
        return { ...calendar, now };
      }
      return { ...kept.calendar, now };
    });
    app.decorate('forgetStageCalendar', () => {
      generation += 1;
      kept = undefined;
    });
  },
  { name: 'stage-clock' },
);
