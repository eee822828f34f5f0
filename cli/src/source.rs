//! Reading what `--from` names: a file, or `-` for stdin, with a size cap.

use crate::Failure;
use std::io::Read;

/// Largest input read: a plan export holds a whole layout; a pasted list of 65,536 networks
/// with labels stays well below this too.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// The text of `source` (`-` is stdin) and how to name it in messages (`stdin`, `'plan.json'`).
/// `hint` says what `--from` takes, for a file that does not exist.
pub fn read_text(source: &str, what: &str, hint: &str) -> Result<(String, String), Failure> {
    let mut text = String::new();
    if source.trim() == "-" {
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| Failure::Bad(format!("cannot read the {what} from stdin: {e}")))?;
        return checked(text, "stdin".to_string(), what);
    }
    let file = std::fs::File::open(source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Failure::Bad(format!("no such file '{source}' ({hint})")),
        _ => Failure::Bad(format!("cannot read '{source}': {e}")),
    })?;
    file.take(MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Failure::Bad(format!("cannot read '{source}': {e}")))?;
    checked(text, format!("'{source}'"), what)
}

fn checked(text: String, name: String, what: &str) -> Result<(String, String), Failure> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::Bad(format!("{name} is too large for a {what} (at most {MAX_FILE_BYTES} bytes)")));
    }
    Ok((text, name))
}
