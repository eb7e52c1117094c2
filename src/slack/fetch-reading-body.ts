/**
 * `fetch` that reads each response's body before handing the response on. Bolt's respond() never
 * reads the body of its POST to response_url, and undici returns a connection to its pool only
 * once the body is read: every reply opened a new connection, held until garbage collection.
 * The Web API client reads its bodies anyway, so it loses nothing by this.
 */
export const fetchReadingBody: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const body = await response.arrayBuffer();
  return new Response(body.byteLength > 0 ? body : null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
