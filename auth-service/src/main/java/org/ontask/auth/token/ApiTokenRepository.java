package org.ontask.auth.token;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

	List<ApiToken> findByEmailOrderByCreatedAtDesc(String email);

	List<ApiToken> findByUserId(long userId);

	Optional<ApiToken> findByIdAndEmail(long id, String email);

	long countByEmail(String email);

	List<ApiToken> findByTokenHashIn(Collection<String> hashes);

}
