/** Audio types a phone's browser records (MediaRecorder): WebM/Ogg with Opus, MP4/AAC on iOS. */
const RECORDED_AUDIO = /^audio\/(webm|ogg|mp4|mpeg|aac|wav|x-m4a)(;\s*codecs=[\w.,"-]+)?$/i;

export function isRecordedAudio(mimeType: string): boolean {
	return RECORDED_AUDIO.test(mimeType);
}

/**
 * The content type a stored recording is saved and served with: the uploader's claim only when it is
 * recorded audio. Anything else would be served as `application/octet-stream`, so an upload labelled
 * `text/html` can never run as a page in a rater's session.
 */
export function recordingContentType(claimed: string): string {
	return isRecordedAudio(claimed) ? claimed : 'application/octet-stream';
}
