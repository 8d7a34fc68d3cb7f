//! The error answers every operation can give, added to the document in one place so it
//! does not depend on each handler's annotation: 400 for a malformed query or body, 401
//! without a valid token, 404 for an unknown id in the path, 413 for a body over the route's
//! limit, 414 for an overlong URI, 415 for a JSON body of another type, 422 for a body that
//! does not validate or a write the record's state does not allow.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::Modify;

pub struct CommonResponses;

fn error_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
}

fn add(op: &mut Operation, status: &str, description: &str) {
    op.responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| error_response(description));
}

fn complete(op: &mut Operation, write: bool) {
    let params = || op.parameters.iter().flatten();
    let has_query = params().any(|p| matches!(p.parameter_in, ParameterIn::Query));
    let has_path = params().any(|p| matches!(p.parameter_in, ParameterIn::Path));
    let body = op.request_body.as_ref().map(|b| {
        let types: Vec<&str> = b.content.keys().map(String::as_str).collect();
        (
            types.contains(&"application/json"),
            types.contains(&"multipart/form-data"),
        )
    });
    if has_query || body.is_some() {
        add(op, "400", "Malformed query string or body");
    }
    if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
        add(op, "401", "No valid bearer token");
    }
    if has_path {
        add(op, "404", "No such record (or not visible to the caller)");
    }
    if write {
        add(
            op,
            "422",
            "The request does not validate, or the record's state does not allow it",
        );
    } else if has_query {
        add(op, "422", "A filter value is not one of the allowed values");
    }
    if let Some((json, multipart)) = body {
        add(op, "413", "Request body over the route's limit");
        if json {
            add(op, "415", "The body is not `application/json`");
            add(op, "422", "The body does not validate");
        }
        if multipart {
            add(op, "422", "The form does not validate");
        }
    }
    add(op, "414", "URI longer than the server accepts");
}

impl Modify for CommonResponses {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for item in doc.paths.paths.values_mut() {
            if let Some(op) = &mut item.get {
                complete(op, false);
            }
            for op in [
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                complete(op, true);
            }
        }
    }
}
