/**
 * Stage: answer the parts of a split question concurrently, at most `concurrency` at a time, each through
 * its own plan → validate → policy loop. The parts share the request's deadline (the caller's signal).
 */
export async function decompose<Outcome>(
  subquestions: string[],
  planPart: (subquestion: string, index: number) => Promise<Outcome>,
  concurrency: number,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(subquestions.length);
  let next = 0;
  const worker = async () => {
    while (next < subquestions.length) {
      const index = next;
      next += 1;
      outcomes[index] = await planPart(subquestions[index] as string, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, subquestions.length) }, worker));
  return outcomes;
}
