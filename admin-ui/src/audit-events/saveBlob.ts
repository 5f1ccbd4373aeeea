/** Hands a finished download to the browser under a file name of our choosing. */
export const saveBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the object URL after the click returns; revoking it at once could cut the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
