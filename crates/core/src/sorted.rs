//! Maps and sets kept as sorted vectors. A `BTreeMap` or `BTreeSet` brings a lot of code
//! for every key and value type, and the browser build carried a dozen of them; these do the
//! same for the small collections kubeglass keeps, iterate in the same (sorted) order, and
//! print, compare and serialise the same way.

mod vec_map;
mod vec_set;
pub use vec_map::VecMap;
pub use vec_set::VecSet;
