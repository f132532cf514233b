//! Reading the files named on the command line (or standard input).

use std::io::Read;

/// One input: its display name and text.
pub struct Input {
    pub path: String,
    pub text: String,
}

/// Reads every named file, `-` meaning standard input; no file at all means standard input.
pub fn read_all(files: &[String]) -> Result<Vec<Input>, String> {
    let names: Vec<&str> = if files.is_empty() {
        vec!["-"]
    } else {
        files.iter().map(String::as_str).collect()
    };
    names.into_iter().map(read_one).collect()
}

fn read_one(name: &str) -> Result<Input, String> {
    let bytes = if name == "-" {
        let mut buffer = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buffer)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buffer
    } else {
        std::fs::read(name).map_err(|e| format!("cannot read {name}: {e}"))?
    };
    Ok(Input {
        path: if name == "-" {
            "<stdin>".to_owned()
        } else {
            name.to_owned()
        },
        // Invalid UTF-8 is replaced rather than refused: the loader reports what it can.
        text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}
