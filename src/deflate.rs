//! Raw DEFLATE through the browser's own `CompressionStream("deflate-raw")` and
//! `DecompressionStream`, so the wasm carries no compression code.
//!
//! Inflating stops at the paste cap, and costs no more than that: the compressed bytes are
//! fed in small slices, only as the inflated text is read. (A decompressor inflates a whole
//! input chunk at once, so one 300 KB chunk of a DEFLATE bomb would become 300 MB before the
//! first read; a 1 KB slice inflates to 1 MB at most.)

use js_sys::{Array, Reflect, Uint8Array};
use kubeglass_core::link::{self, Damage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultController, ReadableStreamDefaultReader,
    ReadableWritablePair, UnderlyingSource,
};

#[wasm_bindgen]
extern "C" {
    /// The platform's compressor (web-sys has it only behind its unstable-API flag).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// The platform's decompressor.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompressor, JsValue>;
}

const FORMAT: &str = "deflate-raw";

/// Compressed bytes fed to the decompressor at a time.
const SLICE: usize = 1024;

/// `stream` piped through a transform (a compressor or decompressor: both are a readable and
/// writable pair), ready to be read chunk by chunk.
fn piped(
    stream: &ReadableStream,
    transform: &JsValue,
) -> Result<ReadableStreamDefaultReader, JsValue> {
    let piped = stream.pipe_through(transform.unchecked_ref::<ReadableWritablePair>());
    piped.get_reader().dyn_into().map_err(JsValue::from)
}

/// A stream of `bytes` in slices, each made only when the stream is pulled. The closure must
/// outlive the stream's reading.
type Pull = Closure<dyn FnMut(ReadableStreamDefaultController)>;

fn sliced(bytes: Vec<u8>) -> Result<(ReadableStream, Pull), JsValue> {
    let mut offset = 0;
    let pull = Pull::new(move |controller: ReadableStreamDefaultController| {
        let end = bytes.len().min(offset + SLICE);
        let _ = if offset == end {
            controller.close()
        } else {
            controller.enqueue_with_chunk(&Uint8Array::from(&bytes[offset..end]))
        };
        offset = end;
    });
    let source = UnderlyingSource::new();
    source.set_pull(pull.as_ref().unchecked_ref());
    Ok((ReadableStream::new_with_underlying_source(&source)?, pull))
}

/// Reads every chunk of `reader`, refusing (and cancelling the stream) past `limit` bytes.
async fn read_all(
    reader: &ReadableStreamDefaultReader,
    limit: usize,
) -> Result<Result<Vec<u8>, ()>, JsValue> {
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &"done".into())?.is_truthy() {
            return Ok(Ok(out));
        }
        let bytes: Uint8Array = Reflect::get(&chunk, &"value".into())?.dyn_into()?;
        if out.len() + bytes.length() as usize > limit {
            let _ = reader.cancel();
            return Ok(Err(()));
        }
        let start = out.len();
        out.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut out[start..]);
    }
}

/// The share-link payload of `text`.
pub async fn payload(text: &str) -> Result<String, JsValue> {
    let source = Blob::new_with_str_sequence(&Array::of1(&JsValue::from_str(text)))?;
    let reader = piped(&source.stream(), Compressor::new(FORMAT)?.as_ref())?;
    let deflated = read_all(&reader, usize::MAX)
        .await?
        .map_err(|()| JsValue::NULL)?;
    Ok(link::payload(&deflated))
}

/// The text a share-link payload carries, or why it cannot be read.
pub async fn text(payload: &str) -> Result<String, Damage> {
    let deflated = link::deflated(payload)?;
    let inflate = async {
        let (source, _pull) = sliced(deflated)?;
        let reader = piped(&source, Decompressor::new(FORMAT)?.as_ref())?;
        read_all(&reader, link::MAX_TEXT_BYTES).await
    };
    match inflate.await {
        Ok(Ok(inflated)) => link::text(inflated),
        Ok(Err(())) => Err(Damage::TooLarge),
        Err(_) => Err(Damage::NotDeflate),
    }
}
