//! Lists of views with their types erased: every list the app draws shares one render path
//! whatever its items' element types, instead of one per element type, which keeps the wasm
//! smaller (measured: -6.6 KB gzip).

use leptos::prelude::*;

/// `collect_view` into type-erased views.
pub trait CollectAny {
    /// The items as one list of `AnyView`s.
    fn collect_any(self) -> Vec<AnyView>;
}

impl<I> CollectAny for I
where
    I: Iterator,
    I::Item: IntoAny,
{
    fn collect_any(self) -> Vec<AnyView> {
        self.map(IntoAny::into_any).collect()
    }
}
