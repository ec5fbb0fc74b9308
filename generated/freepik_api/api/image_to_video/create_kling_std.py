from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_message import ErrorMessage
from ...models.kling_std_request import KlingStdRequest
from ...models.task_response import TaskResponse
from ...types import Response, status_code_of


def _get_kwargs(
    *,
    body: KlingStdRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/ai/image-to-video/kling-std",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorMessage | TaskResponse | None:
    if response.status_code == 200:
        response_200 = TaskResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorMessage.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorMessage.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ErrorMessage.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorMessage.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorMessage.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _parse_tolerantly(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorMessage | TaskResponse | None:
    """The documented body, or None when the body is not as documented (an HTML error page from a proxy, a
    truncated JSON document): the status code and raw content still reach the caller."""
    try:
        return _parse_response(client=client, response=response)
    except (ValueError, KeyError, TypeError):
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorMessage | TaskResponse]:
    return Response(
        status_code=status_code_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_tolerantly(client=client, response=response),
    )


request_kwargs = _get_kwargs
"""The keyword arguments of ``httpx.Client.build_request`` for this operation: method, relative url, body."""

build_response = _build_response
"""The typed ``Response`` for an ``httpx.Response`` to that request."""


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KlingStdRequest,
) -> Response[ErrorMessage | TaskResponse]:
    """Kling 1.6 Standard - Create video from image

     Generate a video from an image using the Kling 1.6 Std model.

    Args:
        body (KlingStdRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorMessage | TaskResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: KlingStdRequest,
) -> ErrorMessage | TaskResponse | None:
    """Kling 1.6 Standard - Create video from image

     Generate a video from an image using the Kling 1.6 Std model.

    Args:
        body (KlingStdRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorMessage | TaskResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KlingStdRequest,
) -> Response[ErrorMessage | TaskResponse]:
    """Kling 1.6 Standard - Create video from image

     Generate a video from an image using the Kling 1.6 Std model.

    Args:
        body (KlingStdRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorMessage | TaskResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: KlingStdRequest,
) -> ErrorMessage | TaskResponse | None:
    """Kling 1.6 Standard - Create video from image

     Generate a video from an image using the Kling 1.6 Std model.

    Args:
        body (KlingStdRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorMessage | TaskResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
