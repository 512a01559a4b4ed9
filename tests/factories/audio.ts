/**
 * A real, readable recording of a given length for tests: PCM WAV, 8-bit mono, a quiet tone. A low
 * sample rate keeps minutes of "speech" small (2 kB a second at 2 kHz), and its length is what the
 * server measures from the file (`measureDurationMs`), like any phone recording.
 */
export function wavOfSeconds(seconds: number, sampleRate = 2000): Uint8Array {
	const samples = Math.round(seconds * sampleRate);
	const bytes = new Uint8Array(44 + samples);
	const view = new DataView(bytes.buffer);
	const ascii = (offset: number, text: string) =>
		[...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
	ascii(0, 'RIFF');
	view.setUint32(4, 36 + samples, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, 16, true); // fmt chunk size
	view.setUint16(20, 1, true); // PCM
	view.setUint16(22, 1, true); // mono
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate, true); // bytes per second
	view.setUint16(32, 1, true); // block align
	view.setUint16(34, 8, true); // bits per sample
	ascii(36, 'data');
	view.setUint32(40, samples, true);
	for (let i = 0; i < samples; i++)
		bytes[44 + i] = 128 + Math.round(20 * Math.sin((2 * Math.PI * 220 * i) / sampleRate));
	return bytes;
}
