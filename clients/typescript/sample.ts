// A consumer of the generated types: if the contract changes under it, `tsc` fails.
// `make clients` generates generated/schema.d.ts from the running server's /openapi.json.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type Turnover = components["schemas"]["TurnoverItem"];
type Problem = components["schemas"]["Problem"];

/** A client reading JSON: listings can also answer text/csv, which this one never asks for. */
export function tradestat(baseUrl: string) {
  return createClient<paths, "application/json">({ baseUrl });
}

/** The figures of one year, each with the sentence stating it; throws a problem's detail. */
export async function turnoverOf(baseUrl: string, year: number): Promise<Turnover[]> {
  const { data, error } = await tradestat(baseUrl).GET("/turnover", {
    params: { query: { year, limit: 100 } },
  });
  if (error !== undefined) {
    throw new Error(describeProblem(error));
  }
  return data.items;
}

/** Every page of a listing, following next_cursor. */
export async function allCountries(baseUrl: string): Promise<string[]> {
  const client = tradestat(baseUrl);
  const codes: string[] = [];
  let cursor: string | null = null;
  do {
    const query: { limit: number; cursor?: string } = { limit: 1000 };
    if (cursor !== null) {
      query.cursor = cursor;
    }
    const { data, error } = await client.GET("/countries", { params: { query } });
    if (error !== undefined) {
      throw new Error(describeProblem(error));
    }
    codes.push(...data.items.map((country) => country.code));
    cursor = data.next_cursor ?? null;
  } while (cursor !== null);
  return codes;
}

export function describeProblem(problem: Problem): string {
  const params = (problem.invalid_params ?? []).map((p) => `${p.name}: ${p.reason}`);
  return [`${problem.status} ${problem.title}`, problem.detail, ...params]
    .filter((part) => part)
    .join("; ");
}

export function describe(figure: Turnover): string {
  const value =
    figure.value_usd === null ? `${figure.amount} ${figure.currency}` : `$${figure.value_usd}`;
  return (
    `${figure.period_label} ${figure.reporter}-${figure.partner} ${figure.flow}: ${value} ` +
    `(${figure.value_qualifier}), document ${figure.source.document_id}: “${figure.source.quote}”`
  );
}
