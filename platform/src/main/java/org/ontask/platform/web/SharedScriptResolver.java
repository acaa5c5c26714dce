package org.ontask.platform.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Resolves a shared script by its file name alone: {@code actions/querybuilder.js} and
 * {@code views/querybuilder.js} (the part of the path after {@code /workflows/assets/})
 * are the one {@code querybuilder.js} of the shared location.
 */
class SharedScriptResolver implements ResourceResolver {

	@Override
	public Resource resolveResource(HttpServletRequest request, String requestPath, List<? extends Resource> locations,
			ResourceResolverChain chain) {
		return chain.resolveResource(request, StringUtils.getFilename(requestPath), locations);
	}

	@Override
	public String resolveUrlPath(String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
		// the URL stays the one asked for: each service serves the script under its own
		// folder
		return (chain.resolveUrlPath(StringUtils.getFilename(resourcePath), locations) != null) ? resourcePath : null;
	}

}
