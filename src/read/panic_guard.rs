//! Turns a panic inside calamine into an error. calamine 0.38 slices its record buffers
//! without checking their length and does unchecked arithmetic on what a file declares: in
//! xlsb a record shorter than its type requires (a four-byte BrtBundleSh, an empty BrtWbProp,
//! a BrtWsDim of four bytes), a sheet whose relationship is missing or a shared-string index
//! past the table (`xlsb/mod.rs`, `xlsb/cells_reader.rs`); in xls a BoundSheet8 shorter than
//! six bytes, a sector chain leaving the FAT, a sheet offset past the stream (`cfb.rs`,
//! `xls.rs`); in xlsx and ods the same kind of slicing on damaged XML. Such a file is broken,
//! not renja: every calamine read runs under [`without_panic`], the panic's message is kept
//! out of the user's terminal and handed back as the cause.
//!
//! Knows nothing of formats or files; the caller says what the cause means.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a guarded call: its panics are expected and not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `read`; a panic inside it comes back as `Err` with the panic's message. Panics on
/// other threads, or outside a guarded call, are printed as before.
pub(super) fn without_panic<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let literal = without_panic(|| -> u8 { panic!("record too short") });
        assert_eq!(literal, Err("record too short".to_string()));
        let bytes: &[u8] = &[1, 2, 3, 4];
        let formatted = without_panic(|| bytes[bytes.len() + 4]);
        assert_eq!(
            formatted,
            Err("index out of bounds: the len is 4 but the index is 8".to_string())
        );
        assert_eq!(without_panic(|| 7), Ok(7));
    }
}
