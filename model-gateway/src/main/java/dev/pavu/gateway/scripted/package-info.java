/**
 * A scripted model server for tests and demos: it speaks the real Ollama ({@code /api/chat} with NDJSON
 * streaming, {@code /api/tags}, {@code /api/pull}) and OpenAI ({@code /v1/chat/completions} with SSE
 * streaming, {@code /v1/models}) wire formats and answers from a script of request patterns. It is never
 * the default of any production configuration: a models file has to point a backend at it explicitly.
 */
package dev.pavu.gateway.scripted;
