import { z } from "zod";
import type { MacroCalendar } from "../types.js";
import { MacroCalendarInvalidError } from "./errors.js";
import { parseUtcDate } from "./time.js";

const kind = z.enum(["FOMC", "CPI", "PPI"]);
const status = z.enum(["complete", "partial", "missing"]);

const schema = z.object({
  sources: z.record(z.string(), z.string()),
  coverage: z.record(z.string().regex(/^\d{4}$/), z.partialRecord(kind, status)),
  events: z.array(
    z.object({
      kind,
      at: z.iso.datetime({ offset: false }),
      source: z.string().min(1),
    }),
  ),
  marketHolidays: z.array(z.string().refine((d) => !Number.isNaN(parseUtcDate(d)), "expected YYYY-MM-DD")),
});

/**
 * Validates the macro calendar JSON (keeper/data/macro-calendar.json) and converts event times to unix
 * seconds. Every event must name a source listed in `sources`; events come back sorted by time.
 */
export function parseMacroCalendar(json: unknown): MacroCalendar {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A problem with the document itself (not an object) has an empty path.
    const path = issue === undefined || issue.path.length === 0 ? "(root)" : issue.path.join(".");
    throw new MacroCalendarInvalidError(path, issue?.message ?? "invalid");
  }
  const { sources, coverage, events, marketHolidays } = parsed.data;
  const out = events.map((e, i) => {
    if (!(e.source in sources)) {
      throw new MacroCalendarInvalidError(`events.${i}.source`, `unknown source "${e.source}"`);
    }
    return { kind: e.kind, at: Date.parse(e.at) / 1000, source: e.source };
  });
  out.sort((a, b) => a.at - b.at);
  return { events: out, coverage, marketHolidays };
}
