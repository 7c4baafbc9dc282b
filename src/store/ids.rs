//! The typed ids as the database holds them: the row's number, read and written as an `i64`.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

use crate::domain::ids::{ChildId, DropinId, OccurrenceId, OutboxId, PersonId};

macro_rules! stored_as_i64 {
    ($($id:ty),+) => {
        $(
            impl Type<Any> for $id {
                fn type_info() -> <Any as Database>::TypeInfo {
                    <i64 as Type<Any>>::type_info()
                }

                fn compatible(ty: &<Any as Database>::TypeInfo) -> bool {
                    <i64 as Type<Any>>::compatible(ty)
                }
            }

            impl<'q> Encode<'q, Any> for $id {
                fn encode_by_ref(&self, buf: &mut <Any as Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
                    <i64 as Encode<'q, Any>>::encode_by_ref(&self.0, buf)
                }
            }

            impl<'r> Decode<'r, Any> for $id {
                fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                    <i64 as Decode<'r, Any>>::decode(value).map(Self)
                }
            }
        )+
    };
}

stored_as_i64!(PersonId, ChildId, OccurrenceId, DropinId, OutboxId);
