//! Writing to standard output, where a reader that stops early (`kubeglass describe | head`)
//! ends the output quietly instead of panicking as `println!` does.

use std::io::{ErrorKind, Write};

/// Writes `text` to standard output; a closed pipe is not an error, anything else is.
pub fn write(text: &str) -> Result<(), String> {
    write_bytes(text.as_bytes())
}

/// Writes `bytes` to standard output, as [`write`] does.
pub fn write_bytes(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// Writes `text` and a line break.
pub fn line(text: &str) -> Result<(), String> {
    write(&format!("{text}\n"))
}
