import { useEffect, useState } from 'react';
import type { Identifier } from 'react-admin';
import { documentFileUrl } from '../providers/dataProvider.ts';

type BlobState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; url: string };

/**
 * The file is fetched and shown from a blob: URL because the API forbids framing its responses
 * (X-Frame-Options: DENY), which would blank an <iframe> pointing at the file itself.
 */
export const useDocumentBlob = (id: Identifier): BlobState => {
  const [state, setState] = useState<BlobState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    let url: string | undefined;
    setState({ status: 'loading' });
    fetch(documentFileUrl(id), { credentials: 'same-origin', signal: controller.signal })
      .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setState({ status: 'ready', url });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  return state;
};
